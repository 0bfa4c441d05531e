"""Fine-tuning CuteGPT (or any Llama model) to plan over your own knowledge graph.

    synthesize.py  KG → verified planning trajectories (question, gold plan, answers)
    data.py        CuteGPT dialogues (.pkl upstream layout / .jsonl) → packed, masked token ids
    config.py      TrainConfig: every knob with its reason and upstream default
    finetune.py    the loop: LoRA or full, atomic checkpoints, exact resume, DeepSpeed
    model_load.py  model folders and adapters loaded as inference loads them, each fault one error
    export.py      `agent export`: an adapter merged into its base, saved as a plain model
    cli.py         `agent data synth|convert`, `agent train`, `agent export`

Nothing heavy is imported here: torch, transformers and peft load inside the functions that use them.
"""
