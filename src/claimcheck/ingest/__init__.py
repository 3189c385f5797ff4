"""Helpers for stage 1 (files -> Articles): decoding, format parsers and boilerplate rules.

The public API lives in :mod:`claimcheck.corpus`; nothing here is meant to be imported by other
stages. Every parser works on :class:`~claimcheck.ingest.mapped.Mapped` strings, which remember for
each character where it came from in the decoded file, so blocks keep exact offsets however much
their text was cleaned.
"""
