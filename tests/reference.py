"""Independent float64 computations of each statement's two sides (scipy.linalg.expm, numpy norms).

Written from the printed statements without the engine's helpers, so that a wrong transcription in
a module, or a wrong helper, shows up as a disagreement.
"""
import numpy as np
from scipy.linalg import expm


def norm(M):
    return np.linalg.norm(M, 2)


def claim_1(v):
    P = np.eye(v["X"].shape[1])
    for X, delta in zip(v["X"], v["delta"]):
        P = expm(-delta * X @ X.T) @ P
    return norm(P), 1.0


def claim_3(v):
    X, t = v["X"], v["t"]
    return norm(expm(-X @ X.T * t) @ X), (np.inf if t == 0 else 1 / (2 * np.sqrt(t)))


def claim_5(v):
    X, Y, t = v["X"], v["Y"], v["t"]
    S = X + Y
    return norm(expm(-S @ S * t) @ S - expm(-X @ X * t) @ X), 3 * norm(Y)


def claim_6(v):
    X, Y, t = v["X"], v["Y"], v["t"]
    S = X + Y
    return norm(expm(-S @ S.T * t) @ S - expm(-X @ X.T * t) @ X), 3 * norm(Y)


def lemma_3_3(v):
    A, B, t = v["A"], v["B"], v["t"]
    S = A + B
    return norm(expm(-S.T @ S * t) - expm(-A.T @ A * t)), 2 * norm(B) * np.sqrt(t)


REFERENCE = {"claim-1": claim_1, "claim-3": claim_3, "claim-5": claim_5, "claim-6": claim_6, "lemma-3.3": lemma_3_3}
