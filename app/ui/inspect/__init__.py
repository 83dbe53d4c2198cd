"""The stream inspector's panel: what went over the wire for one reply."""
