<#
    Import-Module, then the first and the second Start-CGIPAuthAdmin, each timed, in this (fresh) pwsh. Run it
    several times, alternating the builds compared. Which methods the first call JIT-compiles:
    DOTNET_JitStdOutFile=/tmp/jit.txt DOTNET_JitDisasmSummary=1 .tools/pwsh/pwsh -NoProfile -File bench/probes/firstcall.ps1 -Module ...
#>
param([string] $Module)
. (Join-Path $PSScriptRoot 'ProbeSupport.ps1')
$responder = Start-ProbeResponder
try {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    Import-Module $Module
    $import = $sw.Elapsed.TotalMilliseconds
    $call = New-ProbeCall $responder.Url
    $sw.Restart(); $r = Start-CGIPAuthAdmin @call; $first = $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); $null = Start-CGIPAuthAdmin @call; $second = $sw.Elapsed.TotalMilliseconds
    'import {0:N1} ms, first call {1:N1} ms, second {2:N2} ms, answered: {3}' -f $import, $first, $second, [bool]$r.AuthenticationResult.AccessToken
} finally { $responder.Process.Kill() }
