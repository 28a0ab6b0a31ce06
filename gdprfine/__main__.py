"""``python -m gdprfine``: the command-line tool."""

from gdprfine.cli import app

if __name__ == "__main__":
    app(prog_name="gdprfine")
