"""Django's Redis cache, keeping one client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` around the pool for every
cache operation; building it costs about as much as the round trip to Redis, and every signed-in
page pays it at least once (the session). A ``redis.Redis`` is safe to share between threads and
holds no connection of its own, so one per pool does the same work.

Redis down is not the site down: every operation that cannot reach Redis counts as a miss (a get
returns its default, a write does nothing, ``incr`` says the key is missing), so sessions and
permission sets come from the database and the API's throttles let requests through. After a
failure the cache is not asked again for ``DOWN_SECONDS`` (redis-py retries a refused connection
with backoff, which would cost every request seconds); ``/healthz`` reports the outage.
"""
import functools
import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient

logger = logging.getLogger(__name__)
DOWN_SECONDS = 5.0
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# Per server location, shared by the threads of a process (each thread has its own cache object).
_down_until: dict[str, float] = {}


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _miss_when_down(miss):
    """The operation, or ``miss(*args, **kwargs)`` when Redis cannot be reached."""

    def decorate(method):
        @functools.wraps(method)
        def tolerant(self, *args, **kwargs):
            if _down_until.get(self._location, 0) > time.monotonic():
                return miss(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                _down_until[self._location] = time.monotonic() + DOWN_SECONDS
                logger.warning("cache unreachable, answering from the database for %.0f s: %s", DOWN_SECONDS, exc)
                return miss(*args, **kwargs)

        return tolerant

    return decorate


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (the cache is unreachable).")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._location = str(server)

    get = _miss_when_down(lambda key, default=None, version=None: default)(DjangoRedisCache.get)
    get_many = _miss_when_down(lambda *args, **kwargs: {})(DjangoRedisCache.get_many)
    has_key = _miss_when_down(lambda *args, **kwargs: False)(DjangoRedisCache.has_key)
    add = _miss_when_down(lambda *args, **kwargs: False)(DjangoRedisCache.add)
    set = _miss_when_down(lambda *args, **kwargs: None)(DjangoRedisCache.set)
    set_many = _miss_when_down(lambda data, *args, **kwargs: list(data))(DjangoRedisCache.set_many)
    touch = _miss_when_down(lambda *args, **kwargs: False)(DjangoRedisCache.touch)
    delete = _miss_when_down(lambda *args, **kwargs: False)(DjangoRedisCache.delete)
    delete_many = _miss_when_down(lambda *args, **kwargs: None)(DjangoRedisCache.delete_many)
    incr = _miss_when_down(_missing_key)(DjangoRedisCache.incr)
    clear = _miss_when_down(lambda *args, **kwargs: False)(DjangoRedisCache.clear)
