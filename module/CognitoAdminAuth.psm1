# Loads the assembly of the edition that imports the module (docs/native-interop.md, "Two editions"):
# Windows PowerShell 5.1 runs .NET Framework, which cannot load the net8.0 assembly that PowerShell 7 uses,
# so it gets the net472 flavour in desktop/. CGIP_MODULE_FLAVOUR=Desktop makes PowerShell 7 load that flavour
# instead: the test run uses it to run every suite against both.
if ($PSEdition -eq 'Desktop' -or $env:CGIP_MODULE_FLAVOUR -eq 'Desktop') {
    $assembly = Join-Path (Join-Path $PSScriptRoot 'desktop') 'CognitoAdminAuth.dll'
} elseif ($PSVersionTable.PSVersion -lt [version]'7.4') {
    throw "CognitoAdminAuth needs PowerShell 7.4 or later (this is $($PSVersionTable.PSVersion)), or Windows PowerShell 5.1."
} else {
    $assembly = Join-Path $PSScriptRoot 'CognitoAdminAuth.dll'
}
Import-Module $assembly
Export-ModuleMember -Cmdlet *
