Unicode true

####
## Switchboard's installer: Wails' project.nsi (v2.9.2), adjusted.
## make dist runs it on Linux (Debian's nsis package):
##   makensis -DARG_WAILS_AMD64_BINARY=build/bin/switchboard.exe \
##            -DINFO_PRODUCTVERSION=0.1.0.0 -DWEBVIEW2_BOOTSTRAPPER=... \
##            -DARG_OUTFILE=build/dist/switchboard-VERSION-windows-amd64-installer.exe \
##            build/windows/installer/project.nsi
## - Per user, without admin rights: installs to %LocalAppData%\Programs\Switchboard,
##   a Start-menu entry, an entry in "Installed apps" for this user.
## - The uninstaller keeps the data directory (%AppData%\Switchboard: the database
##   and its backups) unless "Also delete my Switchboard data" is ticked, or /DELETEDATA
##   is passed with /S. Keychain items (Windows Credential Manager) are left alone.
## - The WebView2 runtime is installed with Microsoft's bootstrapper when missing.
####
!include "wails_tools.nsh"

!ifndef ARG_OUTFILE
    !define ARG_OUTFILE "..\..\dist\${INFO_PROJECTNAME}-${ARCH}-installer.exe"
!endif

# The version information for this two must consist of 4 parts
VIProductVersion "${INFO_PRODUCTVERSION}"
VIFileVersion    "${INFO_PRODUCTVERSION}"

VIAddVersionKey "CompanyName"     "${INFO_COMPANYNAME}"
VIAddVersionKey "FileDescription" "${INFO_PRODUCTNAME} Installer"
VIAddVersionKey "ProductVersion"  "${INFO_PRODUCTVERSION}"
VIAddVersionKey "FileVersion"     "${INFO_PRODUCTVERSION}"
VIAddVersionKey "LegalCopyright"  "${INFO_COPYRIGHT}"
VIAddVersionKey "ProductName"     "${INFO_PRODUCTNAME}"

# Enable HiDPI support. https://nsis.sourceforge.io/Reference/ManifestDPIAware
ManifestDPIAware true

!include "MUI2.nsh"
!include "Sections.nsh"

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_FINISHPAGE_NOAUTOCLOSE
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT_EXECUTABLE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${INFO_PRODUCTNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "Your database and its backups stay in $APPDATA\${INFO_PRODUCTNAME} unless you tick the box below."
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Name "${INFO_PRODUCTNAME}"
OutFile "${ARG_OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${INFO_PRODUCTNAME}"
ShowInstDetails show

Function .onInit
   !insertmacro wails.checkArchitecture
FunctionEnd

Section
    !insertmacro wails.setShellContext

    !insertmacro wails.webview2runtime

    SetOutPath $INSTDIR

    !insertmacro wails.files

    CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    !insertmacro wails.writeUninstaller
SectionEnd

Section "-un.Program" SecUnProgram
    !insertmacro wails.setShellContext

    RMDir /r "$APPDATA\${PRODUCT_EXECUTABLE}" # the WebView2 data path, not the app's data

    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"

    !insertmacro wails.deleteUninstaller
    RMDir $INSTDIR
SectionEnd

Section /o "un.Also delete my Switchboard data" SecUnData
    !insertmacro wails.setShellContext
    RMDir /r "$APPDATA\${INFO_PRODUCTNAME}"
SectionEnd

Function un.onInit
    # Silent uninstall deletes the data only when asked: uninstall.exe /S /DELETEDATA
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/DELETEDATA" $R1
    ${IfNot} ${Errors}
        !insertmacro SelectSection ${SecUnData}
    ${EndIf}
FunctionEnd
