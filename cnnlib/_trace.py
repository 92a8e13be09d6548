"""The old name of :mod:`cnnlib.trace`, kept for modules that still import ``traced`` from here."""

from cnnlib.trace import Call, Shape, Trace, trace

traced = trace  # the trace is no longer kept on the model: every call traces afresh

__all__ = ["Call", "Shape", "Trace", "trace", "traced"]
