"""Our C-Eval accuracy against lm-evaluation-harness on the same local CSVs, model and prompt.

    python3 -m venv /tmp/lm-eval && /tmp/lm-eval/bin/pip install torch==2.13.0 'lm-eval[hf]'
    .venv/bin/python bench/ceval_vs_lm_eval.py --lm-eval /tmp/lm-eval/bin/lm_eval

lm-eval's own C-Eval tasks read the Hugging Face hub; pointed at local files it needs a task of its
own: `dataset_path: csv` with `data_files`, which this script writes per subject with our exact
zero-shot prompt (CuteGPT's template, C-Eval's instruction) and the letter right after it. lm-eval
stays out of CuteKG's dependencies: it runs from its own virtual environment.

The model is a tiny Llama trained a few steps on 6 of each subject's 10 answers, so accuracy sits
between chance and perfect and a disagreement could show. Printed: accuracy per subject by both,
questions predicted alike, and how the two log-likelihoods of a question's four letters differ.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

from llm.knowledge_eval import ceval, samples  # noqa: E402
from llm.knowledge_eval.chat import encode_answer, render_conversation  # noqa: E402
from llm.knowledge_eval.run import _prompt_and_frame, run_ceval  # noqa: E402
from llm.template import META_INSTRUCTION  # noqa: E402
from llm.tiny import save_tiny_model  # noqa: E402


def trained_model(root: Path, data: ceval.CevalData) -> Path:
    texts = [render_conversation(None, *ceval.conversation(data.subjects[q.subject], q, [])) + q.answer for qs in data.questions.values() for q in qs]
    base = save_tiny_model(root / "base", texts, vocab_size=900, hidden_size=64, heads=4)
    tokenizer, model = AutoTokenizer.from_pretrained(base), AutoModelForCausalLM.from_pretrained(base)
    rows = []
    for question in (q for qs in data.questions.values() for q in qs[:6]):
        prompt, lead, _ = _prompt_and_frame(tokenizer, *ceval.conversation(data.subjects[question.subject], question, []))
        rows.append((prompt, encode_answer(tokenizer, lead + question.answer)))
    width = max(len(p) + len(a) for p, a in rows)
    ids, labels = torch.zeros(len(rows), width, dtype=torch.long), torch.full((len(rows), width), -100)
    for index, (prompt, answer) in enumerate(rows):
        ids[index, : len(prompt) + len(answer)] = torch.tensor(prompt + answer)
        labels[index, len(prompt) : len(prompt) + len(answer)] = torch.tensor(answer)
    torch.manual_seed(0)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    model.train()
    for _ in range(40):
        model(input_ids=ids, labels=labels).loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    model.save_pretrained(root / "trained")
    tokenizer.save_pretrained(root / "trained")
    return root / "trained"


def write_tasks(folder: Path, data_dir: Path, data: ceval.CevalData) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in data.questions:
        instruction = f"问：以下是中国关于{data.subjects[name].chinese}考试的单项选择题，请选出其中的正确答案。\n\n"
        task = {
            "task": f"cutekg_ceval_{name}", "tag": "cutekg_ceval", "output_type": "multiple_choice",
            "dataset_path": "csv", "dataset_kwargs": {"data_files": {"validation": str(data_dir / "val" / f"{name}_val.csv")}},
            "validation_split": "validation", "description": META_INSTRUCTION + instruction,
            "doc_to_text": "{{question}}\nA. {{A}}\nB. {{B}}\nC. {{C}}\nD. {{D}}\n答案：\n答：\n",
            "doc_to_choice": list(ceval.CHOICES), "doc_to_target": "{{['A', 'B', 'C', 'D'].index(answer)}}", "target_delimiter": "",
            "metric_list": [{"metric": "acc", "aggregation": "mean", "higher_is_better": True}],
        }
        (folder / f"cutekg_ceval_{name}.yaml").write_text(json.dumps(task, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lm-eval", required=True, help="the lm_eval executable of a separate virtual environment")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="ceval-vs-lm-eval-"))
    data_dir = samples.synthetic_ceval(root / "ceval", val=10, question_chars=12, option_chars=4, alphabet=60, seed=5)
    data = ceval.load_ceval(data_dir, "val")
    model_dir = trained_model(root, data)
    ours = run_ceval(AutoModelForCausalLM.from_pretrained(model_dir), AutoTokenizer.from_pretrained(model_dir), data, name="ours")

    write_tasks(root / "tasks", data_dir, data)
    command = [
        args.lm_eval, "--model", "hf", "--model_args", f"pretrained={model_dir},dtype=float32,add_bos_token=True",
        "--tasks", "cutekg_ceval", "--include_path", str(root / "tasks"), "--device", "cpu", "--batch_size", "8",
        "--log_samples", "--output_path", str(root / "lm_eval"),
    ]
    subprocess.run(command, check=True, capture_output=True, env=os.environ | {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"})

    by_key = {(r.subject, r.id): r for r in ours}
    print("| subject | ours | lm-eval | same prediction | spread of (ours − lm-eval) within a question |")
    print("|---|---|---|---|---|")
    for name in data.questions:
        (path,) = glob.glob(str(root / "lm_eval" / "*" / f"samples_cutekg_ceval_{name}_*.jsonl"))
        theirs = [json.loads(line) for line in open(path, encoding="utf-8")]
        same = spread = right_ours = right_theirs = 0
        for sample in theirs:
            record = by_key[(name, str(sample["doc"]["id"]))]
            loglik = [float(resp[0][0]) for resp in sample["resps"]]
            prediction = ceval.CHOICES[max(range(4), key=loglik.__getitem__)]
            same += prediction == record.prediction
            right_ours += bool(record.correct)
            right_theirs += prediction == record.answer
            shifts = [a - b for a, b in zip(record.logprobs.values(), loglik)]
            spread = max(spread, max(shifts) - min(shifts))
        n = len(theirs)
        print(f"| {name} | {100 * right_ours / n:.1f} | {100 * right_theirs / n:.1f} | {same}/{n} | {spread:.1e} |")
    print("\nlm-eval moves the prompt's trailing newline into the continuation, so it scores '\\nA' where we score 'A':")
    print("a constant per question (log p('\\n')), which leaves every ranking, and so accuracy, unchanged.")


if __name__ == "__main__":
    main()
