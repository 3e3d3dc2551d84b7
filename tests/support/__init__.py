"""Helpers shared by test modules (importable as ``tests.support.*``; test modules never import each other)."""
