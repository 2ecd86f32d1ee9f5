"""Every technology, method and practice the project's source article names is in the lexicon.

The table lists the terms in the form the article uses them (our list, not its sentences), with
the concept each must map to.
"""

from __future__ import annotations

import pytest

import jdmatch

SEED_TERMS = {
    "bias–variance trade-off": "bias_variance_tradeoff",
    "double descent": "double_descent",
    "over-parameterised": "overparameterization",
    "NDCG": "ndcg",
    "NDCG@k": "ndcg",
    "MAP": "mean_average_precision",
    "precision-recall AUC": "pr_auc",
    "model calibration": "calibration",
    "class imbalance": "class_imbalance",
    "F1": "f1_score",
    "A/B test": "ab_testing",
    "dropout": "dropout",
    "weight decay": "weight_decay",
    "data augmentation": "data_augmentation",
    "early stopping": "early_stopping",
    "LoRA": "lora",
    "parameter-efficient fine-tuning": "parameter_efficient_fine_tuning",
    "multi-head self-attention": "multi_head_attention",
    "Flash Attention": "flash_attention",
    "Mamba": "mamba",
    "positional encoding": "positional_encoding",
    "RoPE": "rope",
    "KV-cache": "kv_cache",
    "autoregressive inference": "autoregressive_decoding",
    "causal masking": "causal_masking",
    "diffusion models": "diffusion_models",
    "DDPM": "ddpm",
    "DDIM": "ddim",
    "classifier-free guidance": "classifier_free_guidance",
    "GANs": "gan",
    "RLHF": "rlhf",
    "supervised fine-tuning": "supervised_fine_tuning",
    "reward model": "reward_model",
    "PPO": "ppo",
    "DPO": "dpo",
    "Kafka": "apache_kafka",
    "Flink": "apache_flink",
    "feature store": "feature_store",
    "gradient-boosted tree": "gradient_boosting",
    "XGBoost": "xgboost",
    "LightGBM": "lightgbm",
    "concept drift": "concept_drift",
    "model registry": "model_registry",
    "canary deployments": "canary_deployment",
    "data drift": "data_drift",
    "prediction drift": "prediction_drift",
    "collaborative filtering": "collaborative_filtering",
    "content-based filtering": "content_based_filtering",
    "two-tower": "two_tower_models",
    "FAISS": "faiss",
    "ScaNN": "scann",
    "cold-start problem": "cold_start_problem",
    "contextual bandits": "contextual_bandits",
    "logistic regression": "logistic_regression",
    "k-means": "k_means",
    "backprop": "backpropagation",
    "batch normalisation": "batch_normalization",
    "layer normalisation": "layer_normalization",
    "Bayesian inference": "bayesian_inference",
    "hypothesis testing": "hypothesis_testing",
    "bootstrapping": "bootstrapping",
    "linear algebra": "linear_algebra",
    "probability": "probability",
    "pandas": "pandas",
    "NumPy": "numpy",
    "SQL": "sql",
    "PyTorch": "pytorch",
    "TensorFlow": "tensorflow",
    "transformers": "transformer",
    "large language models": "large_language_models",
    "RAG": "retrieval_augmented_generation",
    "federated learning": "federated_learning",
    "differential privacy": "differential_privacy",
    "GDPR": "gdpr_compliance",
    "time-series forecasting": "time_series_forecasting",
    "anomaly detection": "anomaly_detection",
    "MLOps": "mlops",
    "LeetCode": "leetcode_problem_solving",
    "STAR method": "star_method",
    "influencing without authority": "influence_without_authority",
    "bias auditing": "bias_auditing",
    "mock interviews": "mock_interviews",
}


@pytest.mark.parametrize(("text", "term"), SEED_TERMS.items())
def test_seed_term_is_found(text, term):
    mentions = jdmatch.extract(f"Experience with {text} and Python.")
    assert term in {m.term for m in mentions}


def test_every_pillar_has_study_prompts():
    lexicon = jdmatch.load_lexicon()
    for pillar in jdmatch.PILLARS:
        prompts = {p for c in lexicon if c.pillar == pillar for p in c.prompts}
        assert len(prompts) >= 40, pillar


@pytest.mark.parametrize(
    ("variants", "term"),
    [
        (["scikit-learn", "sklearn", "scikit learn"], "scikit_learn"),
        (["k8s", "Kubernetes"], "kubernetes"),
        (["LLMs", "large language models", "LLM"], "large_language_models"),
        (["NLP", "natural language processing"], "nlp"),
        (["GCP", "Google Cloud"], "gcp"),
        (["Postgres", "PostgreSQL"], "postgresql"),
        (["HF", "Hugging Face"], "hugging_face"),
        (["optimisation techniques", "optimization techniques"], "optimization"),
        (["regularisation", "regularization"], "regularization"),
        (["fine-tuning", "fine-tuned", "finetune", "fine tuning"], "fine_tuning"),
    ],
)
def test_aliases_abbreviations_and_spellings(variants, term):
    for variant in variants:
        assert term in {m.term for m in jdmatch.extract(f"We use {variant} daily.")}, variant
