param([string] $Module, [int] $Calls = 3000)
Add-Type -TypeDefinition @"
using System; using System.Collections.Concurrent; using System.Diagnostics.Tracing;
public sealed class AllocListener : EventListener {
    public static ConcurrentDictionary<string, long> Types = new ConcurrentDictionary<string, long>();
    public static bool On;
    protected override void OnEventSourceCreated(EventSource s) {
        if (s.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(s, EventLevel.Verbose, (EventKeywords)0x1);
    }
    protected override void OnEventWritten(EventWrittenEventArgs e) {
        if (!On || e.EventName == null || !e.EventName.StartsWith("GCAllocationTick")) return;
        var i = e.PayloadNames.IndexOf("TypeName"); if (i < 0) return;
        Types.AddOrUpdate((string)e.Payload[i], 1, (k, v) => v + 1);
    }
}
"@
$l = [AllocListener]::new()
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
    [AllocListener]::On = $true
    for ($i = 0; $i -lt $Calls; $i++) { $null = Start-CGIPAuthAdmin @call }
    [AllocListener]::On = $false
    $total = ([AllocListener]::Types.Values | Measure-Object -Sum).Sum
    "samples: $total (~100 KB each)"
    [AllocListener]::Types.GetEnumerator() | Sort-Object Value -Descending | Select-Object -First 40 | ForEach-Object { '{0,6} {1,5:P1} {2}' -f $_.Value, ($_.Value / $total), $_.Key }
} finally { $p.Kill() }
