"""C-Eval and Xiezhi for any loaded causal LM: did a fine-tune cost the model its general knowledge?

    ceval     the official C-Eval layout (subject_mapping.json, dev/val/test CSVs), zero/few-shot
              prompts, the answer letter scored by log-likelihood
    xiezhi    Xiezhi's JSONL question files, 50 options per question, discipline levels
    chat      the one place a conversation becomes prompt text (CuteGPT's 问：/答： or a chat template)
    scorer    per-option log-likelihoods: one shared prompt prefix, padded options, batched
    metrics   accuracy tables, MRR, two models side by side
    run       questions -> scored records, one question at a time for a progress bar
    samples   tiny data sets in the official formats (tests, benches)

Nothing here imports torch until a model is scored, and nothing imports agent/ or training/.
"""

from llm.knowledge_eval.records import BenchDataError

__all__ = ["BenchDataError"]
