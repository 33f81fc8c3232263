# Dot-sourced by the probes: the canned responder on a free port, and the warm Start-CGIPAuthAdmin call the probes measure.
function Start-ProbeResponder {
    <# Starts target/release/cgip-bench-responder (answering at once); returns the process and its URL. #>
    $psi = [Diagnostics.ProcessStartInfo]::new((Join-Path $PSScriptRoot '../../target/release/cgip-bench-responder'))
    foreach ($a in @('--delay-ms', '0', '--max-seconds', '600')) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false; $psi.RedirectStandardOutput = $true
    $process = [Diagnostics.Process]::Start($psi)
    $null = $process.StandardOutput.ReadLine() -match '(http://127\.0\.0\.1:\d+)'
    [pscustomobject]@{ Process = $process; Url = $Matches[1] }
}

function New-ProbeCall([string] $Url) {
    <# The splat of the measured call: explicit endpoint, region and keys, as the bench's. #>
    @{ ClientId = 'benchclient0000000000000001'; UserPoolId = 'us-east-1_BenchPool1'; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'
        AuthParameter = @{ USERNAME = 'alice'; PASSWORD = 'Correct-Horse-9!' }; EndpointUrl = $Url; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret' }
}

function Initialize-ProbeCall([string] $Module, [string] $Url, [int] $Warmup = 2000) {
    <# Imports the module, warms the call up and returns its splat. #>
    Import-Module $Module
    $call = New-ProbeCall $Url
    for ($i = 0; $i -lt $Warmup; $i++) { $null = Start-CGIPAuthAdmin @call }
    $call
}
