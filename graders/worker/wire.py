"""The wire format between the grader and a worker that runs student code.

Messages are a JSON header followed by raw array buffers. Nothing is ever
unpickled: the grader decodes what an untrusted worker sends, so only plain
data can cross (None, bool, int, float, str, list, tuple, dict with str keys,
numeric numpy arrays and scalars, numpy Generators as their state, torch
tensors as arrays). Anything else is
sent as a *handle*: an integer naming an object that stays on the side that
owns it.

This file is loaded twice: as ``graders.worker.wire`` by the grader and as the
top-level ``wire`` by the worker script, so it imports nothing from the kit.
"""
from __future__ import annotations

import hashlib
import json
import struct
import sys

import numpy as np

#: numpy dtype kinds that may cross the wire: bool, signed/unsigned int, float, complex.
SAFE_KINDS = frozenset("biufc")
#: numpy bit generators a Generator may be rebuilt from (sent as its state, never pickled).
BIT_GENERATORS = frozenset({"PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"})
MAX_DEPTH = 32
DIGEST_OVER = 1024   # bytes of an array that fingerprint() keeps whole


class WireError(ValueError):
    """A value that cannot be sent, or bytes that are not a valid message."""


class Handle:
    """A reference to an object owned by the peer (student object or callback)."""

    __slots__ = ("kind", "id", "type_name")

    def __init__(self, kind: str, id: int, type_name: str = ""):
        self.kind, self.id, self.type_name = kind, id, type_name

    def __repr__(self) -> str:
        return f"<{self.kind} handle {self.id} {self.type_name}>"


def _torch_tensor_type():
    torch = sys.modules.get("torch")
    return getattr(torch, "Tensor", None)


def _encode_tree(value, buffers: list, to_handle, depth: int):
    kind = type(value)
    if kind is str or kind is int or kind is float or value is None or kind is bool:
        return value   # JSON holds these as they are (a float as its repr: NaN and the infinities too)
    if depth > MAX_DEPTH:
        raise WireError("value is nested too deeply")
    if kind is list:
        return [_encode_tree(v, buffers, to_handle, depth + 1) for v in value]
    if isinstance(value, (np.ndarray, np.generic)):  # before float: np.float64 subclasses float
        return _encode_array(np.asarray(value), buffers, scalar=isinstance(value, np.generic))
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):   # a subclass of int or float arrives as the plain number
        return int(int.__repr__(value))
    if isinstance(value, float):
        return float(float.__repr__(value))
    if isinstance(value, (list, tuple)):
        items = [_encode_tree(v, buffers, to_handle, depth + 1) for v in value]
        return items if isinstance(value, list) else {"tuple": items}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"dict": {k: _encode_tree(v, buffers, to_handle, depth + 1) for k, v in value.items()}}
    if isinstance(value, Handle):
        return {"handle": [value.kind, value.id, value.type_name]}
    if _is_tensor(value):
        node = _encode_array(_tensor_values(value), buffers, scalar=False)
        node["torch"] = str(value.device)
        return node
    if isinstance(value, np.random.Generator):
        state = value.bit_generator.state
        return {"rng": _encode_tree(state, buffers, None, depth + 1)}
    if to_handle is None:
        raise WireError(f"a {type(value).__name__} cannot be sent")
    return {"handle": list(to_handle(value))}


def _is_tensor(value) -> bool:
    tensor_type = _torch_tensor_type()
    return tensor_type is not None and isinstance(value, tensor_type)


def _tensor_values(tensor) -> np.ndarray:
    """A torch tensor's values as a numpy array (on the CPU; bfloat16 as float32, which holds every value)."""
    tensor = tensor.detach().cpu()
    if str(tensor.dtype) == "torch.bfloat16":  # numpy has no bfloat16
        tensor = tensor.float()
    return tensor.numpy()


def fingerprint(value, depth: int = 0):
    """A compact stand-in for ``value`` that changes when code changes the value in place.

    A worker takes one of each argument before a call and sends back only the arguments whose
    fingerprint then differs, instead of all of them: arrays by dtype, shape and a digest of
    their bytes, containers by their items, numbers and strings by value, anything else (a
    student's object) by identity. A different fingerprint only means "may have changed"
    (-0.0 written over 0.0, a NaN over a NaN): the grader compares the values themselves.
    """
    if depth > MAX_DEPTH:
        return ("deep", id(value))
    if value is None or isinstance(value, (bool, int, float, complex, str, np.generic)):
        return (type(value), value)
    if isinstance(value, np.ndarray):   # one the wire cannot carry fails when it is sent back, as before
        content = _digest(value) if value.dtype.kind in SAFE_KINDS else id(value)
        return ("array", value.dtype.str, value.shape, content)
    if _is_tensor(value):
        return ("tensor", str(value.dtype), str(value.device), tuple(value.shape), _digest(_tensor_values(value)))
    if isinstance(value, np.random.Generator):
        return ("rng", fingerprint(value.bit_generator.state, depth + 1))
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(fingerprint(v, depth + 1) for v in value))
    if isinstance(value, dict):
        return (dict, tuple((k, fingerprint(v, depth + 1)) for k, v in value.items()))
    return ("object", id(value))


def _digest(array: np.ndarray) -> bytes:
    """The array's bytes, or for more than DIGEST_OVER of them a 16-byte hash (copying a few bytes costs less)."""
    data = np.ascontiguousarray(array).reshape(-1).view(np.uint8)
    return data.tobytes() if data.size <= DIGEST_OVER else hashlib.blake2b(data, digest_size=16).digest()


def _encode_array(array: np.ndarray, buffers: list, scalar: bool) -> dict:
    if array.dtype.kind not in SAFE_KINDS:
        raise WireError(f"arrays of dtype {array.dtype} cannot be sent")
    buffers.append(np.ascontiguousarray(array).tobytes())
    return {"array": [array.dtype.str, list(array.shape), len(buffers) - 1], "scalar": scalar}


def encode(message, to_handle=None) -> bytes:
    """Serialise ``message``; objects that are not plain data go through ``to_handle``.

    ``to_handle(obj) -> (kind, id, type_name)`` registers an object the sender keeps.
    """
    buffers: list[bytes] = []
    header = json.dumps(_encode_tree(message, buffers, to_handle, 0)).encode()
    parts = [struct.pack("<II", len(header), len(buffers)), header]
    for buf in buffers:
        parts += [struct.pack("<Q", len(buf)), buf]
    return b"".join(parts)


def decode(data: bytes, from_handle=None, make_tensor=None, max_header_bytes: int | None = None):
    """Inverse of :func:`encode`. Never executes code found in ``data``.

    ``from_handle(Handle) -> object`` resolves handles (default: keep the Handle);
    ``make_tensor(array, device) -> tensor`` rebuilds torch tensors (default: arrays).
    A JSON part over ``max_header_bytes``, or nested deeper than MAX_DEPTH, is a WireError.
    """
    view = memoryview(data)   # the array buffers are not copied until each becomes its array
    try:
        header_len, n_buffers = struct.unpack_from("<II", view, 0)
        if max_header_bytes is not None and header_len > max_header_bytes:
            raise ValueError(f"its JSON part has {header_len:,} bytes, over the limit of {max_header_bytes:,}")
        offset = 8
        header = json.loads(str(view[offset:offset + header_len], "utf-8"))
        offset += header_len
        buffers = []
        for _ in range(n_buffers):
            (size,) = struct.unpack_from("<Q", view, offset)
            offset += 8
            buffers.append(view[offset:offset + size])
            offset += size
            if len(buffers[-1]) != size:
                raise ValueError("message is truncated")
    except RecursionError:
        raise WireError("message is nested too deeply") from None
    except (struct.error, ValueError) as exc:
        raise WireError(f"malformed message: {exc}") from None
    try:
        return _decode_tree(header, buffers, from_handle, make_tensor, 0)
    except WireError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise WireError(f"malformed message: {exc}") from None


def _decode_tree(node, buffers, from_handle, make_tensor, depth):
    kind = type(node)
    if kind is not list and kind is not dict:
        return node   # a str, int, float, bool or None: all that JSON holds besides arrays and objects
    if depth > MAX_DEPTH:
        raise WireError("message is nested too deeply")
    depth += 1
    if kind is list:
        return [_decode_tree(v, buffers, from_handle, make_tensor, depth) for v in node]
    if "dict" in node:
        return {str(k): _decode_tree(v, buffers, from_handle, make_tensor, depth) for k, v in node["dict"].items()}
    if "array" in node:
        return _decode_array(node, buffers, make_tensor)
    if "tuple" in node:
        return tuple(_decode_tree(v, buffers, from_handle, make_tensor, depth) for v in node["tuple"])
    if "handle" in node:
        kind, id_, type_name = node["handle"]
        handle = Handle(str(kind), int(id_), str(type_name))
        return from_handle(handle) if from_handle else handle
    if "rng" in node:
        return _decode_generator(_decode_tree(node["rng"], buffers, from_handle, make_tensor, depth))
    raise WireError("malformed message node")


def _decode_generator(state: dict) -> np.random.Generator:
    """A numpy Generator in exactly the sender's state (its next draws are the sender's)."""
    name = state.get("bit_generator") if isinstance(state, dict) else None
    if name not in BIT_GENERATORS:
        raise WireError(f"unknown bit generator {name!r}")
    bit_generator = getattr(np.random, name)()
    bit_generator.state = state
    return np.random.Generator(bit_generator)


def _decode_array(node, buffers, make_tensor):
    dtype_str, shape, index = node["array"]
    dtype = np.dtype(dtype_str)
    if dtype.kind not in SAFE_KINDS or dtype.hasobject:
        raise WireError(f"arrays of dtype {dtype} are not accepted")
    shape = tuple(int(s) for s in shape)
    array = np.frombuffer(buffers[int(index)], dtype=dtype).reshape(shape).copy()
    if node.get("scalar"):
        return array[()]
    if "torch" in node and make_tensor is not None:
        return make_tensor(array, node["torch"])
    return array
