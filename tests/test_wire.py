"""The wire format carries plain data only and never runs code from the other side."""
import enum
import pickle
import struct

import numpy as np
import pytest
from hypothesis import given
from hypothesis.extra import numpy as hnp

from graders.worker.wire import Handle, WireError, decode, encode, fingerprint


@given(hnp.arrays(hnp.scalar_dtypes(), hnp.array_shapes(min_dims=0, max_dims=3)))
def test_numeric_arrays_round_trip_with_dtype_and_shape(array):
    if array.dtype.kind not in "biufc":
        with pytest.raises(WireError):
            encode(array)
        return
    back = decode(encode(array))
    assert back.dtype == array.dtype and back.shape == array.shape
    np.testing.assert_array_equal(back, array)


def test_nested_plain_data_round_trips():
    value = {"a": [1, 2.5, None, True, "s"], "b": (np.float32(1.5), np.arange(3)), "big": 2**80}
    back = decode(encode(value))
    assert back["a"] == [1, 2.5, None, True, "s"] and back["big"] == 2**80
    assert isinstance(back["b"], tuple) and back["b"][0].dtype == np.float32
    np.testing.assert_array_equal(back["b"][1], np.arange(3))


def test_numbers_keep_their_type_and_value():
    """Subclasses of int and float arrive as the plain number; -0.0, NaN and the infinities as themselves."""
    class Level(enum.IntEnum):
        HIGH = 3

    class Money(float):
        pass

    back = decode(encode([Level.HIGH, Money(2.5), -0.0, float("nan"), float("inf"), -float("inf"), True, 0]))
    assert [type(v) for v in back] == [int, float, float, float, float, float, bool, int]
    assert back[:3] == [3, 2.5, 0.0] and str(back[2]) == "-0.0" and np.isnan(back[3])
    assert back[4:] == [float("inf"), -float("inf"), True, 0]


@pytest.mark.parametrize("header", [b'{"dict": 5}', b'{"tuple": 5}', b'{"handle": [1]}', b'{}', b'{"other": 1}',
                                    b'[{"dict": []}]', b'{"array": ["<f8", [2], 0]}'])
def test_malformed_nodes_are_refused(header):
    with pytest.raises(WireError):
        decode(struct.pack("<II", len(header), 0) + header)


def test_objects_become_handles_or_are_refused():
    class Sneaky:
        def __eq__(self, other):
            return True

    with pytest.raises(WireError):
        encode(Sneaky())
    back = decode(encode(Sneaky(), to_handle=lambda obj: ("obj", 7, type(obj).__name__)))
    assert isinstance(back, Handle) and back.id == 7 and back.type_name == "Sneaky"


def test_object_arrays_are_refused_both_ways():
    with pytest.raises(WireError):
        encode(np.array([object()], dtype=object))
    forged = encode(np.zeros(2)).replace(b'"<f8"', b'"|O"')
    with pytest.raises(WireError):
        decode(forged)


def test_a_pickle_is_not_a_message():
    payload = pickle.dumps({"ok": 1})
    with pytest.raises(WireError):
        decode(payload)


def test_truncated_messages_are_refused():
    data = encode({"x": np.arange(100)})
    with pytest.raises(WireError):
        decode(data[:-10])


def test_numpy_scalars_keep_their_type():
    """np.float64 subclasses float; it must still arrive as a numpy scalar, not fail to decode."""
    back = decode(encode([np.float64(1.5), np.int64(3), np.bool_(True), np.float32(2.0)]))
    assert [type(v) for v in back] == [np.float64, np.int64, np.bool_, np.float32]
    assert back[0] == 1.5 and back[1] == 3


@pytest.mark.parametrize("bit_generator", ["PCG64", "MT19937", "Philox", "SFC64"])
def test_generators_travel_as_their_state(bit_generator):
    rng = np.random.Generator(getattr(np.random, bit_generator)(42))
    rng.random(3)
    back = decode(encode({"rng": rng}))["rng"]
    np.testing.assert_array_equal(back.normal(size=5), rng.normal(size=5))


def test_unknown_bit_generators_are_refused():
    data = encode(np.random.default_rng(0)).replace(b'"PCG64"', b'"EVL64"')
    with pytest.raises(WireError, match="unknown bit generator"):
        decode(data)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16", "float32", "int64"])
def test_torch_tensors_arrive_as_arrays_bfloat16_as_float32(dtype):
    """A GPU trainer's bf16 outputs cross too: numpy has no bfloat16, so they arrive as float32."""
    torch = pytest.importorskip("torch")
    tensor = torch.arange(6, dtype=getattr(torch, dtype)).reshape(2, 3) / 4
    back = decode(encode(tensor))
    expected = tensor.float().numpy() if dtype == "bfloat16" else tensor.numpy()
    assert back.dtype == expected.dtype and back.shape == (2, 3)
    np.testing.assert_array_equal(back, expected)


@given(hnp.arrays(hnp.floating_dtypes() | hnp.integer_dtypes(), hnp.array_shapes(min_dims=0, max_dims=3)))
def test_a_fingerprint_changes_when_its_value_changes_in_place(a):
    """A worker sends back only the arguments whose fingerprint changed: any change in place shows."""
    value = {"a": a, "rest": [np.zeros(2), 1, "s", (2.5, None)], "rng": np.random.default_rng(0)}
    before = fingerprint(value)
    assert fingerprint(value) == before

    def flip_a_bit():
        a.reshape(-1).view(np.uint8)[0] ^= 1

    edits = [flip_a_bit] if a.size else []
    edits += [lambda: value["rest"][0].__setitem__(1, 0.5), lambda: value["rest"].__setitem__(1, 2),
              lambda: value["rest"].append(0), lambda: value["rng"].random(), lambda: value.pop("a")]
    for edit in edits:
        edit()
        after = fingerprint(value)
        assert after != before
        before = after


def test_a_fingerprint_sees_dtype_and_shape_changes_and_ends_on_cycles():
    x = np.zeros(4)
    before = fingerprint(x)
    x.shape = (2, 2)
    assert fingerprint(x) != before
    before = fingerprint(x)
    x.dtype = np.int64
    assert fingerprint(x) != before
    cycle = [1]
    cycle.append(cycle)
    assert fingerprint(cycle) == fingerprint(cycle)   # a bounded walk, no RecursionError
    objects = np.array([None, "s"], dtype=object)     # put into an argument by student code: refused when sent
    assert fingerprint(objects) == fingerprint(objects)


def test_a_tensors_fingerprint_sees_its_values_shape_and_dtype():
    torch = pytest.importorskip("torch")
    x = torch.zeros(2, 3)
    fingerprints = [fingerprint(x)]
    x.resize_(3, 2)
    fingerprints.append(fingerprint(x))
    x.add_(1)
    fingerprints.append(fingerprint(x))
    x.data = x.data.double()
    fingerprints.append(fingerprint(x))
    assert len(set(fingerprints)) == 4
