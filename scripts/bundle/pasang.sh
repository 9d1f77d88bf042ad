#!/bin/sh
# renaksi-docs @VERSION@ for macOS and Linux: installs from this folder's wheels only (no
# internet, no admin rights) into a private environment in the user's data folder:
# ~/Library/Application Support/renaksi-docs/@VERSION@/venv (macOS) or
# ${XDG_DATA_HOME:-~/.local/share}/renaksi-docs/@VERSION@/venv (Linux).
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
PYVER="@PYTHON@"
if [ "$(uname)" = Darwin ]; then
    DATA="$HOME/Library/Application Support/renaksi-docs"
else
    DATA="${XDG_DATA_HOME:-$HOME/.local/share}/renaksi-docs"
fi
VENV="$DATA/@VERSION@/venv"
LANJUT="${1:-}"

gagal() {
    echo ""
    echo "Pemasangan GAGAL; tidak ada yang diubah selain folder \"$VENV\"."
    if [ "$LANJUT" != "--lanjut" ] && [ -t 0 ]; then
        printf 'Tekan Enter untuk menutup. '
        read -r _
    fi
    exit 1
}

echo "Memasang renaksi-docs @VERSION@ dari folder ini (tanpa internet, tanpa hak admin)..."
PYTHON=""
for candidate in "${RENAKSI_PYTHON:-}" "python$PYVER" python3 \
        "/Library/Frameworks/Python.framework/Versions/$PYVER/bin/python$PYVER" \
        "/opt/homebrew/bin/python$PYVER" "/usr/local/bin/python$PYVER"; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c "import sys; sys.exit(sys.version_info[:2] != (@PYTHON_TUPLE@))" \
            >/dev/null 2>&1; then
        PYTHON="$candidate"
        break
    fi
done
if [ -z "$PYTHON" ]; then
    echo "Python $PYVER tidak ditemukan di komputer ini. @PYTHON_HINT@"
    echo "Lalu jalankan pasang.sh lagi."
    gagal
fi
echo "Python $PYVER ditemukan: $PYTHON"
rm -rf "$VENV"
mkdir -p "$DATA/@VERSION@" || gagal
if ! "$PYTHON" -m venv "$VENV"; then
    echo "Python $PYVER tidak dapat membuat lingkungan (venv). @VENV_HINT@"
    gagal
fi
# No pip configuration of this computer may add an index: only the wheels beside this script.
PIP_CONFIG_FILE=/dev/null "$VENV/bin/python" -m pip --isolated install --no-index \
    --find-links "$HERE/wheels" --disable-pip-version-check -q "renaksi-docs==@VERSION@" || gagal
if [ "$(uname)" != Darwin ]; then
    # A menu entry that opens the page in a terminal window (closing the window stops it).
    APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
    mkdir -p "$APPS" && cat > "$APPS/renaksi-docs.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Renaksi Docs
Comment=Membuat dokumen Rencana Aksi dari workbook Excel
Exec="$VENV/bin/python" -m renaksi_docs buka
Terminal=true
Categories=Office;
DESKTOP
fi
echo ""
echo "renaksi-docs @VERSION@ terpasang di \"$VENV\"."
"$VENV/bin/python" -m renaksi_docs doctor --tanpa-uji
echo ""
echo "PDF butuh LibreOffice (gratis); tanpa LibreOffice dokumen Word (.docx) tetap dibuat."
echo "Bila LibreOffice belum ada: @HINT@"
echo ""
echo "Langkah berikutnya: klik dua kali \"@LAUNCHER@\" di folder ini untuk membuka halaman."
exit 0
