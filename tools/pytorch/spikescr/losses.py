"""Losses of SpikeSCR training (SPIKESCR.md 4.2). P = sum_t softmax(logits_t) is used as a logit vector."""
import torch
import torch.nn.functional as F


def ce_loss(p_student: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """CrossEntropy(P_s, y), P_s = time-summed probabilities treated as logits, mean over the batch."""
    return F.cross_entropy(p_student, labels)


def kd_loss(p_student: torch.Tensor, p_teacher: torch.Tensor, temperature: float = 1.0) -> torch.Tensor:
    """tau^2 * mean_batch KL(softmax(P_t / tau) || softmax(P_s / tau)), summed over classes."""
    log_s = F.log_softmax(p_student / temperature, dim=-1)
    q_t = F.softmax(p_teacher / temperature, dim=-1)
    return F.kl_div(log_s, q_t, reduction="batchmean") * temperature**2


def kdcl_loss(p_student, p_teacher, labels, kd_weight: float = 0.5, temperature: float = 1.0):
    """L = CE(P_s, y) + kd_weight * KD(P_t, P_s). Returns (total, ce, kd)."""
    ce = ce_loss(p_student, labels)
    kd = kd_loss(p_student, p_teacher, temperature)
    return ce + kd_weight * kd, ce, kd
