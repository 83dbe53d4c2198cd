"""HTTP: the only package that talks to gateways. Built on one httpx.AsyncClient per proxy route."""
