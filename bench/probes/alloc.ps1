param([string] $Module, [int] $Calls = 3000)
. (Join-Path $PSScriptRoot 'ProbeSupport.ps1')
$responder = Start-ProbeResponder
try {
    $call = Initialize-ProbeCall $Module $responder.Url
    $samples = [double[]]::new($Calls); $sw = [Diagnostics.Stopwatch]::new()
    $before = [GC]::GetTotalAllocatedBytes($true)
    for ($i = 0; $i -lt $Calls; $i++) { $sw.Restart(); $null = Start-CGIPAuthAdmin @call; $samples[$i] = $sw.Elapsed.TotalMilliseconds }
    $alloc = ([GC]::GetTotalAllocatedBytes($true) - $before) / $Calls
    [Array]::Sort($samples)
    '{0}: p50 {1:N3} ms, p99 {2:N3} ms, {3:N0} B/call' -f (Split-Path (Split-Path $Module) -Leaf), $samples[[int]($Calls/2)], $samples[[int]($Calls*0.99)], $alloc
} finally { $responder.Process.Kill() }
