"""Print the coverage score and the top of the study plan for the shipped example.

python examples/study_plan.py                     # the sample JD and resume
python examples/study_plan.py my_jd.txt my_cv.pdf # your own files
"""

import sys
from pathlib import Path

import jdmatch

HERE = Path(__file__).resolve().parent


def main() -> None:
    jd = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "postings" / "ml_engineer_jd.txt"
    resume = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "sample_resume.pdf"
    report = jdmatch.analyze(jd, resume)
    print(f"Coverage score: {report.score:.1f} / 100")
    for pillar, covered in report.pillar_coverage.items():
        print(f"  {pillar:<14} {'-' if covered is None else f'{covered:.0f}%'}")
    print("\nStudy first:")
    for row in report.study_plan.head(10).itertuples():
        print(f"{row.rank:>3}. {row.label} [{row.pillar}, {row.status}] - {row.study}")


if __name__ == "__main__":
    main()
