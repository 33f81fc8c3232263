param([string] $Module, [int] $Calls = 3000)
$psi = [Diagnostics.ProcessStartInfo]::new((Join-Path $PSScriptRoot '../../target/release/cgip-bench-responder'))
foreach ($a in @('--delay-ms', '0', '--max-seconds', '600')) { $psi.ArgumentList.Add($a) }
$psi.UseShellExecute = $false; $psi.RedirectStandardOutput = $true
$p = [Diagnostics.Process]::Start($psi)
$null = $p.StandardOutput.ReadLine() -match '(http://127\.0\.0\.1:\d+)'; $url = $Matches[1]
try {
    Import-Module $Module
    $call = @{ ClientId = 'benchclient0000000000000001'; UserPoolId = 'us-east-1_BenchPool1'; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'
        AuthParameter = @{ USERNAME = 'alice'; PASSWORD = 'Correct-Horse-9!' }; EndpointUrl = $url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
    for ($i = 0; $i -lt 2000; $i++) { $null = Start-CGIPAuthAdmin @call }
    $samples = [double[]]::new($Calls); $sw = [Diagnostics.Stopwatch]::new()
    $before = [GC]::GetTotalAllocatedBytes($true)
    for ($i = 0; $i -lt $Calls; $i++) { $sw.Restart(); $null = Start-CGIPAuthAdmin @call; $samples[$i] = $sw.Elapsed.TotalMilliseconds }
    $alloc = ([GC]::GetTotalAllocatedBytes($true) - $before) / $Calls
    [Array]::Sort($samples)
    '{0}: p50 {1:N3} ms, p99 {2:N3} ms, {3:N0} B/call' -f (Split-Path (Split-Path $Module) -Leaf), $samples[[int]($Calls/2)], $samples[[int]($Calls*0.99)], $alloc
} finally { $p.Kill() }
