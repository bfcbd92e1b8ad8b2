# Loaded automatically by Python when this folder is on PYTHONPATH (see infra/setup.sh).
# mediasoup 3.8.4 bundles a gyp that still imports ABCs such as collections.MutableSet,
# which moved to collections.abc and were removed from collections in Python 3.10.
# Restoring the old aliases lets that gyp run on Debian 12's Python 3.11.
import collections
import collections.abc

for _name in ("MutableSet", "Mapping", "MutableMapping", "Sequence", "Iterable", "Callable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))
