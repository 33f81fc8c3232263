<#
    What PowerShell itself charges a compiled cmdlet for its parameter surface, with no work of the cmdlet's
    own: minimal cmdlets with -Static N parameters (Start-CGIPAuthAdmin has 26 besides the common ones, New-Variable
    7), with and without 4 more as dynamic parameters declared as properties of a class (as the module's
    SDK-typed parameters are), with and without SupportsShouldProcess (and a ShouldProcess call), and all of it
    with every parameter ValueFromPipelineByPropertyName (AWS.Tools' shape, which the module keeps). Same
    splatted call of eight parameters, same loop. Prints p50 and bytes allocated per call for each, after a warm-up.
#>
param([int] $Calls = 20000, [int] $Warmup = 5000, [ValidateRange(8, 200)] [int] $Static = 26)
$props = (1..$Static | ForEach-Object { "[Parameter] public object A$_ { get; set; }" }) -join "`n"
$byName = (1..$Static | ForEach-Object { "[Parameter(ValueFromPipelineByPropertyName = true)] public object A$_ { get; set; }" }) -join "`n"
Add-Type -TypeDefinition @"
using System.Management.Automation;
namespace CgipProbe {
    public abstract class ProbeBase : PSCmdlet {
        $props
        protected override void ProcessRecord() => WriteObject(A1);
    }
    public sealed class DynamicSet {
        [Parameter] public object D1 { get; set; } [Parameter] public object D2 { get; set; }
        [Parameter] public object D3 { get; set; } [Parameter] public object D4 { get; set; }
    }
    [Cmdlet("Test", "StaticProbe")] public sealed class StaticProbe : ProbeBase { }
    [Cmdlet("Test", "DynamicProbe")] public sealed class DynamicProbe : ProbeBase, IDynamicParameters {
        private DynamicSet _set;
        public object GetDynamicParameters() => _set ?? (_set = new DynamicSet());
    }
    [Cmdlet("Test", "DynamicShouldProcessProbe", SupportsShouldProcess = true)] public sealed class DynamicShouldProcessProbe : ProbeBase, IDynamicParameters {
        private DynamicSet _set;
        public object GetDynamicParameters() => _set ?? (_set = new DynamicSet());
        protected override void ProcessRecord() { if (ShouldProcess("target", "action")) WriteObject(A1); }
    }
    // AWS.Tools' shape: every parameter also bindable from the pipeline by property name.
    [Cmdlet("Test", "AwsToolsShapeProbe", SupportsShouldProcess = true)] public sealed class AwsToolsShapeProbe : PSCmdlet, IDynamicParameters {
        $byName
        private DynamicSet _set;
        public object GetDynamicParameters() => _set ?? (_set = new DynamicSet());
        protected override void ProcessRecord() { if (ShouldProcess("target", "action")) WriteObject(A1); }
    }
}
"@ -PassThru | Select-Object -First 1 | ForEach-Object { Import-Module $_.Assembly }
$call = @{ A1 = 'x'; A2 = 'y'; A3 = 'z'; A4 = 'w'; A5 = 'v'; A6 = 'u'; A7 = 't'; A8 = 'us-east-1' }
foreach ($name in 'Test-StaticProbe', 'Test-DynamicProbe', 'Test-DynamicShouldProcessProbe', 'Test-AwsToolsShapeProbe') {
    for ($i = 0; $i -lt $Warmup; $i++) { $null = & $name @call }
    $samples = [double[]]::new($Calls); $sw = [Diagnostics.Stopwatch]::new()
    $before = [GC]::GetTotalAllocatedBytes($true)
    for ($i = 0; $i -lt $Calls; $i++) { $sw.Restart(); $null = & $name @call; $samples[$i] = $sw.Elapsed.TotalMilliseconds }
    $alloc = ([GC]::GetTotalAllocatedBytes($true) - $before) / $Calls
    [Array]::Sort($samples)
    '{0} ({1} static parameters): p50 {2:N4} ms, {3:N0} B/call' -f $name, $Static, $samples[[int]($Calls / 2)], $alloc
}
