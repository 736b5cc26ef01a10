"""Reading text on a photo: the `Vision` interface and its default engine, RapidOCR (PP-OCRv6 small).

The engine's models ship inside the `rapidocr` wheel; they are passed to it by path, so it never tries to
download anything (its default is to fetch a model that is missing). It is loaded once per process
(`default_vision()`), which makes every photo after the first cost only its own work.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from afterboard.errors import EngineError
from afterboard.ingest.ctc import Charset, Steps

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Image = NDArray[np.uint8]


@dataclass(frozen=True)
class TextLine:
    """One line of text found on the image, with its box in the pixels of the image that was read."""

    text: str
    confidence: float
    box: tuple[float, float, float, float]
    """x0, y0, x1, y1."""
    read_as: str | None = None
    """The engine's own reading, when some of its words were re-read with the lexicon (`lexicon.py`)."""
    steps: Steps | None = field(default=None, compare=False, repr=False)
    """The recogniser's character probabilities across the line, when the engine gives them."""

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)


class Vision(Protocol):
    """What the photo reader needs from an OCR engine. Images are RGB arrays (height x width x 3);
    confidences run from 0 to 1 and should say how likely a reading is right (the draft marks notes under
    the `low_confidence` setting for a person to confirm)."""

    def read(self, image: Image) -> list[TextLine]:
        """Find the text lines on a whole image and read each one."""
        ...

    def recognise(self, crops: Sequence[Image]) -> list[tuple[str, float]]:
        """Read already cut-out single lines (text, confidence), in order; used to retry rotated lines."""
        ...


DETECT_LONG_SIDE = 1600
"""Long side of the image the text detector looks at; lines are then read from the full working image."""
RAPIDOCR_FLOOR = 0.85
"""RapidOCR's line score at or below which a reading is almost never right; see `calibrated`."""


def calibrated(score: float) -> float:
    """RapidOCR's line score (the mean of its per-character probabilities) as a confidence that the line
    reads right. Its scores crowd near 1: on the 32 synthetic benchmark boards, notes scored under 0.9
    were never read exactly, 0.9-0.95 in 19% of cases, 0.95-0.98 in 57%, 0.99 and over in 80%. Stretching
    0.85-1.0 over 0-1 makes the `low_confidence` setting (0.6, i.e. a score under 0.94) flag the doubtful
    readings, and only those."""
    return min(1.0, max(0.0, (score - RAPIDOCR_FLOOR) / (1.0 - RAPIDOCR_FLOOR)))


class RapidOCRVision:
    """RapidOCR 3.x on onnxruntime with the PP-OCRv6 small models from its wheel; 0/180° classifier off
    (it flips upright handwriting); sideways lines are retried by the reader instead. Confidences are
    `calibrated`."""

    def __init__(self, *, threads: int | None = None) -> None:
        self._engine = _rapidocr_engine(threads)

    def read(self, image: Image) -> list[TextLine]:
        import numpy as np

        result = self._engine(
            np.ascontiguousarray(image[:, :, ::-1]), use_det=True, use_cls=False, use_rec=True
        )
        if result.boxes is None or result.txts is None:
            return []
        lines = []
        steps = _line_steps(result, len(result.txts))
        for quad, text, score, line_steps in zip(
            result.boxes, result.txts, result.scores, steps, strict=True
        ):
            if not text.strip():
                continue
            xs, ys = quad[:, 0], quad[:, 1]
            box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
            lines.append(
                TextLine(text=text.strip(), confidence=calibrated(float(score)), box=box, steps=line_steps)
            )
        return lines

    def recognise(self, crops: Sequence[Image]) -> list[tuple[str, float]]:
        import numpy as np

        results = []
        for crop in crops:
            out = self._engine(np.ascontiguousarray(crop[:, :, ::-1]), use_det=False, use_cls=False)
            texts = getattr(out, "txts", None) or ("",)
            scores = getattr(out, "scores", None) or (0.0,)
            results.append((str(texts[0]).strip(), calibrated(float(scores[0]))))
        return results


@cache
def default_vision() -> Vision:
    """The default engine, loaded once per process."""
    return RapidOCRVision()


def _rapidocr_engine(threads: int | None) -> Any:
    try:
        import rapidocr
        from rapidocr import RapidOCR
    except ImportError as exc:
        raise EngineError(
            f"the OCR engine is not installed ({exc.name} is missing); reinstall afterboard with pip."
        ) from None
    models = Path(rapidocr.__file__).parent / "models"
    paths = {
        "Det": models / "PP-OCRv6_det_small.onnx",
        "Rec": models / "PP-OCRv6_rec_small.onnx",
        "Cls": models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    }
    missing = [p.name for p in paths.values() if not p.is_file()]
    if missing:
        raise EngineError(
            f"the OCR models are missing from the rapidocr package ({', '.join(missing)}); "
            "reinstall it with `pip install --force-reinstall rapidocr`."
        )
    params: dict[str, Any] = {
        "Global.use_cls": False,
        "Global.max_side_len": 2000,
        # Finding the lines at 1600 px and reading them from the 2000 px photo: same recall (0.879 vs 0.875
        # synthetic, 0.737 vs 0.734 real) for a fifth less work than finding them at 2000 px.
        "Det.limit_type": "max",
        "Det.limit_side_len": DETECT_LONG_SIDE,
        "Global.log_level": "error",
        "Global.model_root_dir": str(models),
        **{f"{stage}.model_path": str(path) for stage, path in paths.items()},
    }
    engine: Any = RapidOCR(params=params)
    _own_sessions(engine, paths, threads or usable_cores())
    engine.text_rec = _StepsKept(engine._load_rec_model())
    return engine


def _line_steps(result: Any, count: int) -> list[Steps | None]:
    """Each line's `Steps`, where they spell what the engine returned for it (None otherwise)."""
    kept = getattr(result, "word_results", None) or ()
    if len(kept) != count:
        return [None] * count
    return [
        s if isinstance(s, Steps) and s.text.strip() == str(t).strip() else None
        for s, t in zip(kept, result.txts, strict=True)
    ]


class _StepsKept:
    """rapidocr's line recogniser, made to hand back each line's `Steps` with its text. rapidocr returns
    only the text and a mean score; the steps ride in its `word_results` (unused with word boxes off), which
    it filters in step with the texts."""

    def __init__(self, recogniser: Any) -> None:
        self._recogniser = recogniser
        self._decode = recogniser.postprocess_op
        self._charset = Charset(self._decode.character)
        self._batches = threading.local()  # one engine may serve several threads
        recogniser.postprocess_op = self._postprocess

    def __getattr__(self, name: str) -> Any:
        # everything else (its session, its settings) is the recogniser's, for rapidocr and for our tests
        if name == "_recogniser":  # not set yet (a copy being made): no endless lookup
            raise AttributeError(name)
        return getattr(self._recogniser, name)

    def _postprocess(self, preds: Any, return_word_box: bool = False, **kwargs: Any) -> Any:
        self._batches.steps.extend(self._charset.steps(preds))
        return self._decode(preds, return_word_box, **kwargs)

    def __call__(self, args: Any) -> Any:
        import numpy as np

        self._batches.steps = []
        result = self._recogniser(args)
        images = [args.img] if isinstance(args.img, np.ndarray) else args.img
        steps = self._batches.steps
        if len(steps) == len(images):
            # rapidocr reads the lines narrowest first (its own sort, repeated here); back to their order.
            # A mismatch would only drop the steps: `_line_steps` keeps none that do not spell the text.
            order = np.argsort(np.array([image.shape[1] / float(image.shape[0]) for image in images]))
            in_order: list[Steps | None] = [None] * len(images)
            for position, index in enumerate(order):
                in_order[index] = steps[position]
            result.word_results = tuple(in_order)
        return result


def usable_cores() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than the machine has):
    one engine thread each, as more threads than cores only makes them wait for each other."""
    import os

    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _own_sessions(engine: Any, paths: dict[str, Path], threads: int) -> None:
    """Give the engine onnxruntime sessions made here (rapidocr's `session` setting), so that their threads
    are as many as the cores and sleep when idle. By default onnxruntime's threads spin between the two
    models' steps: on a machine shared with other work that burns a core for nothing and slows the rest."""
    import onnxruntime  # type: ignore[import-untyped]
    from omegaconf import flag_override

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False  # rapidocr's default: the arena keeps the largest photo's memory
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    with flag_override(engine.cfg, "allow_objects", True):
        for stage in ("Det", "Rec"):
            session = onnxruntime.InferenceSession(
                str(paths[stage]), sess_options=options, providers=["CPUExecutionProvider"]
            )
            engine.cfg[stage]["session"] = session
