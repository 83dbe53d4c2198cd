"""A SOCKS5 proxy on 127.0.0.1 for tests (RFC 1928, CONNECT, no authentication), on raw asyncio streams.

Every CONNECT goes to `target` (the TestServer), whatever host the client asked for; the host names asked
for are recorded, so a test can use a name that does not resolve and check that the proxy, not the
client, was asked to reach it. Runs its own loop in a daemon thread, like TestServer.

    with SocksProxy(target_port=server.port) as proxy:
        ...  # profile proxy = proxy.url
        assert proxy.connects == [("gateway.invalid", 80)]
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import struct
import threading


class SocksProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.connects: list[tuple[str, int]] = []
        self.errors: list[str] = []
        self._port: int | None = None
        self._loop = asyncio.SelectorEventLoop()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="SocksProxy", daemon=True)
        self._ready = threading.Event()

    @property
    def url(self) -> str:
        return f"socks5://127.0.0.1:{self._port}"

    def __enter__(self) -> SocksProxy:
        self._thread.start()
        self._ready.wait(10)
        if self._port is None:
            raise RuntimeError(f"SocksProxy did not start: {self.errors}")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._stop is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def _run(self) -> None:
        try:
            self._loop.run_until_complete(self._main())
        except BaseException as exc:
            self.errors.append(repr(exc))
        finally:
            self._loop.close()
            self._ready.set()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self._port = server.sockets[0].getsockname()[1]
        self._ready.set()
        await self._stop.wait()
        server.close()
        await server.wait_closed()
        tasks = asyncio.all_tasks() - {asyncio.current_task()}
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: asyncio.StreamWriter | None = None
        try:
            version, n_methods = await reader.readexactly(2)
            methods = await reader.readexactly(n_methods)
            if version != 5 or 0 not in methods:
                writer.write(b"\x05\xff")
                return
            writer.write(b"\x05\x00")  # no authentication
            _, command, _, kind = await reader.readexactly(4)
            if kind == 1:
                host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
            elif kind == 3:
                host = (await reader.readexactly((await reader.readexactly(1))[0])).decode()
            else:
                host = str(ipaddress.IPv6Address(await reader.readexactly(16)))
            (port,) = struct.unpack("!H", await reader.readexactly(2))
            if command != 1:
                writer.write(b"\x05\x07\x00\x01\x00\x00\x00\x00\x00\x00")  # command not supported
                return
            self.connects.append((host, port))
            up_reader, upstream = await asyncio.open_connection("127.0.0.1", self.target_port)
            writer.write(b"\x05\x00\x00\x01\x7f\x00\x00\x01" + struct.pack("!H", self.target_port))
            await writer.drain()
            await asyncio.gather(_pipe(reader, upstream), _pipe(up_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except Exception as exc:
            self.errors.append(repr(exc))
        finally:
            for w in (writer, upstream):
                if w is not None:
                    w.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while piece := await reader.read(65536):
            writer.write(piece)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.write_eof()
