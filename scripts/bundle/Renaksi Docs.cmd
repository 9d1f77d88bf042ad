@echo off
rem Renaksi Docs for Windows: double-click to open the web page; close this window to stop it.
rem Installs first (pasang.cmd, from this folder) when the private environment is missing.
setlocal EnableExtensions
title Renaksi Docs
set "VENV=%LOCALAPPDATA%\renaksi-docs\@VERSION@\venv"
if not exist "%VENV%\Scripts\python.exe" call "%~dp0pasang.cmd" --lanjut
if not exist "%VENV%\Scripts\python.exe" goto :gagal
"%VENV%\Scripts\python.exe" -m renaksi_docs buka %*
if errorlevel 1 pause
exit /b

:gagal
echo renaksi-docs belum terpasang; baca pesan di atas, lalu klik dua kali pasang.cmd.
pause
exit /b 1
