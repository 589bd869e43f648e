"""Comparisons on a Dask cluster.

Each partition of a `dask.dataframe` is compared on the workers by the
engine's batch path (`coopetition.compare`), and the partitions' mergeable
summaries (`coopetition.Summary`) are merged in a tree on the workers: the
result is the summary of all the missions, the same as a single-process
`compare` gives (see `Summary` for the effective-rate figures of large
merges). Per-mission results come back as a Dask DataFrame (`missions`).

Dask is an optional extra: ``pip install 'coopetition[dask]'``. Computations
run on Dask's current scheduler: create a ``distributed.Client`` first
(``Client("tcp://scheduler:8786")`` for a running cluster, or
``Client(LocalCluster())`` on one machine).

Policies are named (`flat`, `guide`, `self_assessed`, `negotiated`): they
and the parameters are sent to the workers as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import _coopetition as _native
from .errors import CoopetitionError

try:
    import dask  # type: ignore[import-untyped]
    import dask.dataframe as dd  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - the message is the point
    raise ImportError("coopetition.dask needs Dask: pip install 'coopetition[dask]'") from None

__all__ = ["compare", "missions"]


@dataclass(frozen=True)
class _Spec:
    """What a worker needs to compare a partition, as plain values."""

    policies: tuple[str, ...] | None
    parameters: str | None
    model: tuple[Decimal, Decimal] | None
    round_floats: bool
    threads: int | None

    def run(self, frame: Any) -> Any:
        parameters = _native.Parameters.load(self.parameters) if self.parameters is not None else None
        model = _native.BehaviourModel(*self.model) if self.model is not None else None
        policies = list(self.policies) if self.policies is not None else None
        return _native.compare(frame, policies, parameters=parameters, model=model,
                               round_floats=self.round_floats, threads=self.threads, progress=False)


def _spec(policies: Sequence[str] | None, parameters: Any, model: Any, round_floats: bool,
          threads: int | None) -> _Spec:
    if policies is not None and not all(isinstance(p, str) for p in policies):
        raise TypeError("coopetition.dask compares built-in policies given by name "
                        "(flat, guide, self_assessed, negotiated)")
    return _Spec(
        policies=tuple(policies) if policies is not None else None,
        parameters=parameters.to_json() if parameters is not None else None,
        model=(model.declared_share_of_guide, model.negotiated_toward_flat) if model is not None else None,
        round_floats=round_floats,
        threads=threads,
    )


def _named(e: CoopetitionError, partition: int) -> CoopetitionError:
    """`e` with the partition it was met in (its row is the partition's)."""
    return type(e)(f"partition {partition}: {e}", e.code)


def _state(frame: Any, partition: int, spec: _Spec) -> Any:
    try:
        return spec.run(frame).state()
    except CoopetitionError as e:
        raise _named(e, partition) from None


def _merge(states: list[Any]) -> Any:
    return _native.Summary.merge(states)


def _missions_of(state: Any) -> int:
    return int(state.missions)


def compare(ddf: dd.DataFrame, policies: Sequence[str] | None = None, *, parameters: Any = None,
            model: Any = None, round_floats: bool = False, split_every: int = 8,
            threads: int | None = 1, progress: Any = None) -> Any:
    """The `coopetition.Summary` of comparing `policies` (default: the four)
    over every partition of `ddf`, merged `split_every` at a time on the
    workers. `threads` is per partition (default 1: the workers' own threads
    run partitions side by side).

    On a `distributed` cluster, `progress=` is called with the number of
    missions compared as partitions finish (default: a tqdm bar when tqdm is
    installed and the call is interactive; `False`: none), and Ctrl-C cancels
    the work left on the cluster before `KeyboardInterrupt` is raised.

    A partition that fails raises the engine's error, naming the partition
    and its row; nothing is merged then."""
    if split_every < 2:
        raise ValueError("split_every must be at least 2")
    spec = _spec(policies, parameters, model, round_floats, threads)
    parts = ddf.to_delayed()
    if not parts:
        return _state(ddf._meta, 0, spec)
    try:
        from distributed import as_completed, get_client  # type: ignore[import-untyped]

        client = get_client()
    except (ImportError, ValueError):
        client = None
    if client is None:
        # Another scheduler (threads, processes): one graph, merged in a tree.
        states = [dask.delayed(_state)(p, i, spec) for i, p in enumerate(parts)]
        while len(states) > 1:
            states = [dask.delayed(_merge)(states[i:i + split_every]) for i in range(0, len(states), split_every)]
        (summary,) = dask.compute(states[0])
        return summary
    from ._stream import progress_callback

    futures = client.compute([dask.delayed(_state)(p, i, spec) for i, p in enumerate(parts)])
    pending = list(futures)
    try:
        report = progress_callback(progress, None)
        if report is not None:
            done = 0
            for counted in as_completed([client.submit(_missions_of, f, pure=False) for f in futures]):
                done += counted.result()
                report(done)
        level = futures
        while len(level) > 1:
            level = [client.submit(_merge, level[i:i + split_every], pure=False)
                     for i in range(0, len(level), split_every)]
            pending.extend(level)
        return level[0].result()
    except BaseException:
        # Ctrl-C or a failed partition: nothing is left running on the cluster.
        client.cancel(pending)
        raise


def _missions(frame: Any, spec: _Spec, partition_info: dict[str, Any] | None = None) -> Any:
    import pandas as pd  # type: ignore[import-untyped]

    partition = (partition_info or {}).get("number", 0)
    try:
        results = spec.run(frame).missions
    except CoopetitionError as e:
        raise _named(e, partition) from None
    out = results.to_pandas(types_mapper=pd.ArrowDtype)
    out.insert(0, "partition", pd.Series([partition] * len(out), dtype="int64", index=out.index))
    return out


def missions(ddf: dd.DataFrame, policies: Sequence[str] | None = None, *, parameters: Any = None,
             model: Any = None, round_floats: bool = False, threads: int | None = 1) -> dd.DataFrame:
    """The per-mission results of comparing `policies` over `ddf`, as a Dask
    DataFrame (lazy): `partition`, `row` (within its partition), then the
    columns of `Comparison.missions`."""
    spec = _spec(policies, parameters, model, round_floats, threads)
    meta = _missions(ddf._meta, spec)
    return ddf.map_partitions(_missions, spec, meta=meta)
