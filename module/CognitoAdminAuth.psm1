# Loads the assembly of the edition that imports the module (docs/native-interop.md, "Two editions"):
# Windows PowerShell 5.1 runs .NET Framework, which cannot load the net8.0 assembly that PowerShell 7 uses,
# so it gets the net472 flavour in desktop/. CGIP_MODULE_FLAVOUR=Desktop makes PowerShell 7 load that flavour
# instead: the test run uses it to run every suite against both.
# Import time is the user's: only engine commands and .NET calls here (Join-Path would load
# Microsoft.PowerShell.Management first), and the version is looked at only when the import failed.
# The binary module's cmdlets are exported as the manifest lists them.
if ($PSEdition -eq 'Desktop' -or $env:CGIP_MODULE_FLAVOUR -eq 'Desktop') {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'desktop', 'CognitoAdminAuth.dll'))
} else {
    try {
        Import-Module ([IO.Path]::Combine($PSScriptRoot, 'CognitoAdminAuth.dll'))
    } catch {
        throw "CognitoAdminAuth needs PowerShell 7.4 or later, or Windows PowerShell 5.1 (this is $($PSVersionTable.PSVersion)): $_"
    }
}
