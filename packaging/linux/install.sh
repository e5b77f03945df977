#!/bin/sh
# Install the ASE Migration Assistant bundle for the current user (no root needed):
#   ~/.local/opt/asegui/                         the bundle folder (replaced on every install)
#   ~/.local/bin/asegui, ~/.local/bin/asegui-cli  launchers (symbolic links)
#   ~/.local/share/applications/asegui.desktop    menu entry; offers to open .json files
#   ~/.local/share/icons/hicolor/<size>/apps/     the icon (PNG sizes and SVG)
#
# Usage: ./install.sh [--uninstall] [BUNDLE_DIR]
# BUNDLE_DIR defaults to the folder holding this script when it sits inside the bundle, else ../../dist/asegui.
# Running it again reinstalls cleanly (idempotent). XDG_DATA_HOME is honoured for the share/ parts.
set -eu

uninstall=0
bundle=""
for arg in "$@"; do
  case "$arg" in
    --uninstall|-u) uninstall=1 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
    *) bundle=$arg ;;
  esac
done

: "${HOME:?HOME is not set}"
opt="$HOME/.local/opt/asegui"
bin="$HOME/.local/bin"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor"

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

remove() {
  for f in "$bin/asegui" "$bin/asegui-cli"; do
    # only our own links: never delete an unrelated program of the same name
    if [ -L "$f" ] && case "$(readlink "$f")" in "$opt"/*) true ;; *) false ;; esac; then rm -f "$f"; fi
  done
  rm -f "$apps/asegui.desktop"
  rm -f "$icons"/*/apps/asegui.png "$icons"/scalable/apps/asegui.svg
  rm -rf "$opt"
}

if [ "$uninstall" = 1 ]; then
  remove
  refresh
  echo "ASE Migration Assistant removed."
  exit 0
fi

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if [ -z "$bundle" ]; then
  if [ -x "$here/asegui" ] && [ -x "$here/asegui-cli" ]; then bundle=$here; else bundle="$here/../../dist/asegui"; fi
fi
if [ ! -x "$bundle/asegui" ] || [ ! -x "$bundle/asegui-cli" ]; then
  echo "install.sh: no bundle at $bundle (build it first: python packaging/build.py)" >&2
  exit 1
fi
bundle=$(CDPATH= cd -- "$bundle" && pwd)
[ "$bundle" = "$opt" ] && { echo "install.sh: $bundle is already the installed copy" >&2; exit 1; }

# Copy beside the target, then swap: a failed copy never leaves a half-installed app.
mkdir -p "$(dirname "$opt")" "$bin" "$apps"
staging="$opt.new.$$"
trap 'rm -rf "$staging"' EXIT INT TERM
rm -rf "$staging"
cp -RP "$bundle" "$staging"
remove
mv "$staging" "$opt"
trap - EXIT INT TERM

ln -sf "$opt/asegui" "$bin/asegui"
ln -sf "$opt/asegui-cli" "$bin/asegui-cli"

if [ -d "$opt/share/icons/hicolor" ]; then
  for dir in "$opt"/share/icons/hicolor/*/apps; do
    size=$(basename "$(dirname "$dir")")
    mkdir -p "$icons/$size/apps"
    cp -f "$dir"/asegui.* "$icons/$size/apps/"
  done
fi

# The menu entry runs the installed executable by absolute path (~/.local/bin is not always on a session's PATH).
# Exec quoting (Desktop Entry spec): the path in double quotes, with \ " ` $ escaped, each escape written as \\.
exec_path=$(printf '%s' "$opt/asegui" | sed 's/[\\"`$]/\\\\&/g')
desktop_src="$opt/share/applications/asegui.desktop"
[ -f "$desktop_src" ] || desktop_src="$here/asegui.desktop"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    Exec=*) printf 'Exec="%s" %%f\n' "$exec_path" ;;
    TryExec=*) printf 'TryExec=%s\n' "$opt/asegui" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$desktop_src" > "$apps/asegui.desktop"
chmod 644 "$apps/asegui.desktop"

refresh
echo "ASE Migration Assistant installed in $opt"
echo "  menu entry: $apps/asegui.desktop"
echo "  launchers:  $bin/asegui, $bin/asegui-cli"
case ":$PATH:" in *":$bin:"*) ;; *) echo "  (add $bin to PATH to start it from a terminal)" ;; esac
