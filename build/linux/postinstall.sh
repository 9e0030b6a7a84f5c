#!/bin/sh
# After install and removal: refresh the menu and icon caches when the tools are
# there. Users' data (~/.config/Switchboard) and keychain items are never touched.
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
