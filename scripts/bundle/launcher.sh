#!/bin/sh
# Renaksi Docs for macOS and Linux: double-click to open the web page; close the window (or
# Ctrl-C) to stop it. Installs first (pasang.sh, from this folder) when the private
# environment is missing.
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ "$(uname)" = Darwin ]; then
    DATA="$HOME/Library/Application Support/renaksi-docs"
else
    DATA="${XDG_DATA_HOME:-$HOME/.local/share}/renaksi-docs"
fi
VENV="$DATA/@VERSION@/venv"
if [ ! -x "$VENV/bin/python" ]; then
    sh "$HERE/pasang.sh" --lanjut || {
        echo "renaksi-docs belum terpasang; baca pesan di atas."
        exit 1
    }
fi
exec "$VENV/bin/python" -m renaksi_docs buka "$@"
