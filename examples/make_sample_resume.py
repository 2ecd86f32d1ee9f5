"""Regenerate examples/sample_resume.pdf, the fictional resume the example runs on.

The candidate and every detail below are invented for jdmatch. Run from anywhere:

    python examples/make_sample_resume.py

Needs fpdf2 (installed with ``pip install ".[test]"``).
"""

from pathlib import Path

from fpdf import FPDF

RESUME = {
    "Alex Example - Machine Learning Engineer": [
        "alex@example.com | github.com/alex-example | Berlin",
    ],
    "Summary": [
        "Machine learning engineer with four years of experience building recommendation and "
        "search models, from notebooks to production services.",
    ],
    "Skills": [
        "Languages: Python, SQL, Bash",
        "ML: PyTorch, scikit-learn, XGBoost, LightGBM, pandas, NumPy, Hugging Face Transformers",
        "Infrastructure: Docker, Kubernetes, Airflow, Kafka, AWS (S3, SageMaker), Git, MLflow",
        "Methods: gradient boosting, embeddings, statistics, hypothesis testing, A/B testing",
    ],
    "Experience": [
        "ML Engineer, Fictional Shop GmbH (2022-2025)",
        "- Trained gradient-boosted ranking models with XGBoost that lifted click-through rate "
        "by 6% in an A/B test.",
        "- Built batch feature pipelines in Airflow and Spark SQL feeding 40 models.",
        "- Deployed PyTorch models behind a REST API in Docker containers on AWS.",
        "Data Scientist, Example Analytics (2020-2022)",
        "- Forecast weekly demand with time series models and explained results to "
        "stakeholders in the sales team.",
        "- Wrote unit tests and code reviews for a shared Python feature library, and mentored "
        "two junior engineers.",
        "- Fine-tuned a small transformer model for product-title classification.",
    ],
    "Education": [
        "MSc Computer Science, Example University (2020): thesis on collaborative filtering.",
    ],
}


def build(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    for heading, lines in RESUME.items():
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for line in lines:
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))


if __name__ == "__main__":
    build(Path(__file__).with_name("sample_resume.pdf"))
