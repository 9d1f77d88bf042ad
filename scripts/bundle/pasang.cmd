@echo off
rem renaksi-docs @VERSION@ for Windows: installs from this folder's wheels only (no internet,
rem no admin rights) into a private environment in %LOCALAPPDATA%\renaksi-docs\@VERSION@\venv.
setlocal EnableExtensions
set "BUNDEL=%~dp0"
set "PYVER=@PYTHON@"
set "VENV=%LOCALAPPDATA%\renaksi-docs\@VERSION@\venv"
rem No pip configuration of this PC may add an index: only the wheels beside this script.
set "PIP_CONFIG_FILE=nul"
echo Memasang renaksi-docs @VERSION@ dari folder ini (tanpa internet, tanpa hak admin)...
set "PYTHON="
py -%PYVER% -c "import sys" >nul 2>&1 && set "PYTHON=py -%PYVER%"
if not defined PYTHON python -c "import sys; sys.exit(sys.version_info[:2] != (@PYTHON_TUPLE@))" >nul 2>&1 && set "PYTHON=python"
if not defined PYTHON goto :tanpa_python
echo Python %PYVER% ditemukan: %PYTHON%
if exist "%VENV%" rmdir /s /q "%VENV%"
%PYTHON% -m venv "%VENV%" || goto :gagal
"%VENV%\Scripts\python.exe" -m pip --isolated install --no-index --find-links "%BUNDEL%wheels" --disable-pip-version-check -q "renaksi-docs==@VERSION@" || goto :gagal
echo.
echo renaksi-docs @VERSION@ terpasang di "%VENV%".
"%VENV%\Scripts\python.exe" -m renaksi_docs doctor --tanpa-uji
echo.
echo PDF butuh LibreOffice (gratis); tanpa LibreOffice dokumen Word (.docx) tetap dibuat.
echo Bila LibreOffice belum ada: @HINT@
echo.
echo Langkah berikutnya: klik dua kali "Renaksi Docs.cmd" di folder ini untuk membuka halaman.
if /i not "%~1"=="--lanjut" pause
exit /b 0

:tanpa_python
echo Python %PYVER% tidak ditemukan di komputer ini.
echo Minta tim TI memasang Python %PYVER% dari https://www.python.org/downloads/windows/
echo (Windows installer 64-bit; "Install Now" untuk pengguna ini saja tidak perlu hak admin),
echo lalu klik dua kali pasang.cmd lagi.
goto :gagal

:gagal
echo.
echo Pemasangan GAGAL; tidak ada yang diubah selain folder "%VENV%".
if /i not "%~1"=="--lanjut" pause
exit /b 1
