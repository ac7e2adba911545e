"""The engine behind build.py: load -> render -> write, one module per stage."""
