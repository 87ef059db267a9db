#!/usr/bin/env python3
"""A hashcap bot in Python over the JSON sub-protocol (hashcap.v1.json): no SDK, no protobuf.

It subscribes to one channel, rebuilds the channel's state from the snapshot and the deltas, checks that
seqs are contiguous (and resumes when they are not), verifies every keyframe against its own state with
the snapshot's `jsonCrc32`, and prints the index level on every change.

Needs Python >= 3.8 and `websockets` (Debian: apt-get install python3-websockets; or pip install
websockets). Run:  python3 client/examples/python/bot.py --url http://localhost:8080 [--seconds 30]

Output, one event a line (a test reads it: test/integration/python-bot.test.ts):
  snapshot channel=index.miners epoch=... seq=0 level=1000
  delta seq=1 level=1002.4047506221772
  keyframe seq=7 verified crc=1010647367
  gap expected=8 got=10            (then a resume is sent)
  summary {"deltas": ..., "gaps": 0, "keyframesVerified": ..., "keyframesFailed": 0, "level": ..., ...}
"""
import argparse
import asyncio
import json
import sys
import zlib

import websockets

SUBPROTOCOL = "hashcap.v1.json"


# ------------------------------------------------------------------ merging a delta (proto/merge.ts)

def assign_present(to, frm):
    """Every present scalar of `frm` replaces the one in `to` (lists are merged by their own rule)."""
    for key, value in frm.items():
        if value is not None and not isinstance(value, list):
            to[key] = value


def merge_keyed(items, changes, key):
    """List items merge by key, field by field; a new key is appended."""
    at = {key(item): i for i, item in enumerate(items)}
    for change in changes or []:
        i = at.get(key(change))
        if i is None:
            at[key(change)] = len(items)
            items.append(dict(change))
        else:
            assign_present(items[i], change)


def merge_state(state, changes):
    if "index" in changes:
        target = state.setdefault("index", {})
        c = changes["index"]
        assign_present(target, c)
        if c.get("milestonesChanged"):
            target["milestonesReachedUsd"] = list(c.get("milestonesReachedUsd", []))
        # Instructions, not state: applied, then gone.
        target.pop("milestonesChanged", None)
        merge_keyed(target.setdefault("constituents", []), c.get("constituents"), lambda x: x.get("ticker", ""))
        gone = set(c.get("removed", []))
        if gone:
            target["constituents"] = [x for x in target["constituents"] if x.get("ticker", "") not in gone]
    if "quotes" in changes:
        target = state.setdefault("quotes", {})
        merge_keyed(target.setdefault("quotes", []), changes["quotes"].get("quotes"), lambda x: x.get("symbol", ""))
    if "bars" in changes:
        target = state.setdefault("bars", {})
        c = changes["bars"]
        assign_present(target, c)
        bars = target.setdefault("bars", [])
        merge_keyed(bars, c.get("bars"), lambda x: x.get("startMs", 0))
        bars.sort(key=lambda x: x.get("startMs", 0))
        keep = target.get("maxBars", 0)
        if keep > 0 and len(bars) > keep:
            del bars[: len(bars) - keep]
    if "status" in changes:
        target = state.setdefault("status", {})
        c = changes["status"]
        assign_present(target, c)
        merge_keyed(target.setdefault("symbols", []), c.get("symbols"), lambda x: x.get("symbol", ""))
        merge_keyed(target.setdefault("rejects", []), c.get("rejects"), lambda x: x.get("reason", 0))
        keep = target.get("maxRecent", 0)
        for name in ("milestones", "notices"):
            items = target.get(name, []) + c.get(name, [])
            target[name] = items[-keep:] if keep > 0 else items


# ------------------------------------------------------------------ the keyframe's jsonCrc32

def es_number(x):
    """A number as ECMAScript (JSON.stringify, RFC 8785) prints it: shortest round-trip digits."""
    if isinstance(x, int):
        return str(x)
    if x == 0:
        return "0"
    mantissa, _, exponent = repr(x).partition("e")
    sign = "-" if mantissa.startswith("-") else ""
    mantissa = mantissa.lstrip("-")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    point = len(whole) + int(exponent or 0)  # the decimal point sits after `point` digits
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    e = n - 1
    return sign + digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def is_default(value):
    return value is None or value is False or value == "" or value == [] or (
        isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0
    )


def canonical_json(value):
    """RFC 8785 with every member at a default value (false, 0, "", []) left out, at any depth."""
    if isinstance(value, dict):
        members = (
            json.dumps(k, ensure_ascii=False) + ":" + canonical_json(v)
            for k, v in sorted(value.items())
            if not is_default(v)
        )
        return "{" + ",".join(members) + "}"
    if isinstance(value, list):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return es_number(value)
    return json.dumps(value, ensure_ascii=False)


def canonical_order(state):
    """Lists in the order the checksum uses (proto/canonical.ts), on a copy."""
    state = json.loads(json.dumps(state))
    if "index" in state:
        state["index"].get("constituents", []).sort(key=lambda x: x.get("ticker", ""))
    if "quotes" in state:
        state["quotes"].get("quotes", []).sort(key=lambda x: x.get("symbol", ""))
    if "bars" in state:
        state["bars"].get("bars", []).sort(key=lambda x: x.get("startMs", 0))
    if "status" in state:
        state["status"].get("symbols", []).sort(key=lambda x: x.get("symbol", ""))
        state["status"].get("rejects", []).sort(key=lambda x: x.get("reason", 0))
    return state


def json_crc32(state):
    return zlib.crc32(canonical_json(canonical_order(state)).encode("utf-8"))


# ------------------------------------------------------------------ the bot

class Bot:
    def __init__(self, channel, conflate_ms):
        self.channel = channel
        self.conflate_ms = conflate_ms
        self.state = None
        self.epoch = None
        self.seq = -1
        self.deltas = 0
        self.gaps = 0
        self.keyframes_verified = 0
        self.keyframes_failed = 0
        self.request_id = 0
        self.resuming = False

    def subscribe(self, resume):
        self.request_id += 1
        body = {"requestId": self.request_id, "channels": [self.channel], "conflateMs": self.conflate_ms}
        if resume and self.epoch is not None:
            body["resume"] = [{"channel": self.channel, "epoch": self.epoch, "lastSeq": str(self.seq)}]
        return json.dumps({"subscribe": body})

    def level(self):
        return ((self.state or {}).get("index") or {}).get("level")

    def on_frame(self, frame):
        """Handles one server message; returns a message to send back, or None."""
        if "ack" in frame and frame["ack"].get("channel") == self.channel:
            self.resuming = False
            return None
        if "error" in frame:
            print("error", json.dumps(frame["error"]), flush=True)
            return None
        if "notice" in frame:
            print("notice", json.dumps(frame["notice"]), flush=True)
            return None
        body = frame.get("snapshot") or frame.get("delta") or frame.get("heartbeat")
        if body is None or body.get("channel") != self.channel or body.get("conflateMs", 0) != self.conflate_ms:
            return None
        seq = int(body.get("seq", "0"))
        if "snapshot" in frame:
            if body.get("keyframe") and self.state is not None and seq == self.seq:
                mine = json_crc32(self.state)
                if mine == body.get("jsonCrc32", 0):
                    self.keyframes_verified += 1
                    print(f"keyframe seq={seq} verified crc={mine}", flush=True)
                    return None
                self.keyframes_failed += 1
                print(f"keyframe seq={seq} MISMATCH mine={mine} theirs={body.get('jsonCrc32', 0)}", flush=True)
            # A snapshot (or a keyframe we cannot use as a check) replaces the state.
            self.state = body.get("state", {})
            self.epoch = body.get("epoch", "0")
            self.seq = seq
            print(f"snapshot channel={self.channel} epoch={self.epoch} seq={seq} level={self.level()}", flush=True)
            return None
        if self.state is None or seq <= self.seq:
            return None  # before the snapshot, or a duplicate
        if seq != self.seq + 1:
            if self.resuming:
                return None  # the replay is on its way
            self.resuming = True
            self.gaps += 1
            print(f"gap expected={self.seq + 1} got={seq}", flush=True)
            return self.subscribe(resume=True)
        if "delta" in frame:
            merge_state(self.state, body.get("changes", {}))
            self.seq = seq
            self.deltas += 1
            print(f"delta seq={seq} level={self.level()}", flush=True)
        return None

    def summary(self):
        return {
            "channel": self.channel,
            "epoch": self.epoch,
            "seq": self.seq,
            "deltas": self.deltas,
            "gaps": self.gaps,
            "keyframesVerified": self.keyframes_verified,
            "keyframesFailed": self.keyframes_failed,
            "level": self.level(),
            "jsonCrc32": json_crc32(self.state) if self.state is not None else None,
        }


async def run(bot, url):
    async with websockets.connect(url, subprotocols=[SUBPROTOCOL], max_size=16 * 1024 * 1024) as ws:
        await ws.send(bot.subscribe(resume=False))
        async for text in ws:
            reply = bot.on_frame(json.loads(text))
            if reply is not None:
                await ws.send(reply)


def stream_url(url):
    base = url.rstrip("/")
    for http, ws in (("http://", "ws://"), ("https://", "wss://")):
        if base.startswith(http):
            base = ws + base[len(http):]
    return base if base.endswith("/v1/stream") else base + "/v1/stream"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--channel", default="index.miners")
    parser.add_argument("--conflate-ms", type=int, default=0, choices=(0, 100, 1000))
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: run until closed)")
    args = parser.parse_args()
    bot = Bot(args.channel, args.conflate_ms)
    try:
        if args.seconds > 0:
            asyncio.run(asyncio.wait_for(run(bot, stream_url(args.url)), args.seconds))
        else:
            asyncio.run(run(bot, stream_url(args.url)))
    except asyncio.TimeoutError:
        pass
    except KeyboardInterrupt:
        pass
    print("summary", json.dumps(bot.summary()), flush=True)
    return 1 if bot.keyframes_failed > 0 else 0


if __name__ == "__main__":
    sys.exit(main())
