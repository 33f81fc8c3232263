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
. (Join-Path $PSScriptRoot 'ProbeSupport.ps1')
$responder = Start-ProbeResponder
try {
    $call = Initialize-ProbeCall $Module $responder.Url
    [AllocListener]::On = $true
    for ($i = 0; $i -lt $Calls; $i++) { $null = Start-CGIPAuthAdmin @call }
    [AllocListener]::On = $false
    $total = ([AllocListener]::Types.Values | Measure-Object -Sum).Sum
    "samples: $total (~100 KB each)"
    [AllocListener]::Types.GetEnumerator() | Sort-Object Value -Descending | Select-Object -First 40 | ForEach-Object { '{0,6} {1,5:P1} {2}' -f $_.Value, ($_.Value / $total), $_.Key }
} finally { $responder.Process.Kill() }
