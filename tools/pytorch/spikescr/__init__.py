"""SpikeSCR (Wang et al. 2024) in plain PyTorch: model, data loading, checkpoint handling."""
from .lif import LIF
from .model import ModelConfig, SpikeSCR, PRESETS, scores_from_logits, lif_layer_names

__all__ = ["LIF", "ModelConfig", "SpikeSCR", "PRESETS", "scores_from_logits", "lif_layer_names"]
