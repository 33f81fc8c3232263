<#
.SYNOPSIS
    Benchmark worker for our module: runs one measurement in this (fresh) pwsh process and prints one JSON
    line on stdout. Started by bench/run.ps1; not meant to be run by hand.
.PARAMETER Mode
    import      Import-Module of a trivial module (warms pwsh's module machinery), then of ours; both timed.
    first-call  Import-Module, then the first and second Start-CGIPAuthAdmin, each timed.
    latency     Import-Module, -Warmup calls, then -Calls calls each timed on its own.
    throughput  -Concurrency 1: -Calls calls in this runspace. -Concurrency N: N runspaces
                (ForEach-Object -Parallel -ThrottleLimit N), each importing the module and warming up, then
                released together by a barrier to make -Calls calls between them.
    memory      Calls up to each of -Checkpoints (comma-separated counts); at each, a full GC and the process working set.
    Times are nanoseconds; memory is bytes.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('import', 'first-call', 'latency', 'throughput', 'memory')] [string] $Mode,
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $TrivialModulePath,
    [string] $Endpoint,
    [string] $Pool,
    [string] $ClientId,
    [string] $User,
    [string] $Password,
    [int] $Calls = 1000,
    [int] $Warmup = 50,
    [int] $Concurrency = 1,
    [string] $Checkpoints = '10,10000'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$tickNs = 1e9 / [Diagnostics.Stopwatch]::Frequency
function Write-Result($object) { [Console]::Out.WriteLine(($object | ConvertTo-Json -Depth 6 -Compress)) }
function Get-ProcessAgeNs { ([DateTime]::Now - [Diagnostics.Process]::GetCurrentProcess().StartTime).Ticks * 100 }

# The call under test, as a script would write it: splatted parameters, explicit endpoint, region and keys.
$call = @{
    ClientId      = $ClientId
    UserPoolId    = $Pool
    AuthFlow      = 'ADMIN_USER_PASSWORD_AUTH'
    AuthParameter = @{ USERNAME = $User; PASSWORD = $Password }
    EndpointUrl   = $Endpoint
    Region        = 'us-east-1'
    AccessKey     = 'AKIDTEST'
    SecretKey     = 'test-secret'
}
function Assert-Tokens($response) {
    if (-not $response -or -not $response.AuthenticationResult -or -not $response.AuthenticationResult.AccessToken) {
        throw 'Start-CGIPAuthAdmin returned no AuthenticationResult.AccessToken'
    }
}

$sw = [Diagnostics.Stopwatch]::new()
switch ($Mode) {
    'import' {
        $sw.Restart(); Import-Module $TrivialModulePath; $trivial = $sw.ElapsedTicks
        $sw.Restart(); Import-Module $ModulePath; $ours = $sw.ElapsedTicks
        Write-Result @{ trivial_import_ns = [long]($trivial * $tickNs); import_ns = [long]($ours * $tickNs); process_age_ns = Get-ProcessAgeNs }
    }
    'first-call' {
        $sw.Restart(); Import-Module $ModulePath; $import = $sw.ElapsedTicks
        $sw.Restart(); $r = Start-CGIPAuthAdmin @call; $first = $sw.ElapsedTicks
        $age = Get-ProcessAgeNs
        Assert-Tokens $r
        $sw.Restart(); $r = Start-CGIPAuthAdmin @call; $second = $sw.ElapsedTicks
        Assert-Tokens $r
        Write-Result @{
            import_ns = [long]($import * $tickNs); first_call_ns = [long]($first * $tickNs)
            second_call_ns = [long]($second * $tickNs); process_age_at_first_answer_ns = $age
        }
    }
    'latency' {
        Import-Module $ModulePath
        for ($i = 0; $i -lt $Warmup; $i++) { $r = Start-CGIPAuthAdmin @call }
        Assert-Tokens $r
        $self = [Diagnostics.Process]::GetCurrentProcess()
        $rssWarm = $self.WorkingSet64
        $samples = [long[]]::new($Calls)
        for ($i = 0; $i -lt $Calls; $i++) {
            $sw.Restart()
            $null = Start-CGIPAuthAdmin @call
            $samples[$i] = $sw.ElapsedTicks
        }
        $self.Refresh()
        Write-Result @{ samples_ns = @($samples | ForEach-Object { [long]($_ * $tickNs) }); rss_bytes_after_warmup = $rssWarm; rss_bytes_end = $self.WorkingSet64 }
    }
    'throughput' {
        Import-Module $ModulePath
        if ($Concurrency -le 1) {
            for ($i = 0; $i -lt [Math]::Max(1, $Warmup); $i++) { $r = Start-CGIPAuthAdmin @call }
            Assert-Tokens $r
            $sw.Restart()
            for ($i = 0; $i -lt $Calls; $i++) { $null = Start-CGIPAuthAdmin @call }
            Write-Result @{ calls = $Calls; concurrency = 1; elapsed_ns = [long]($sw.ElapsedTicks * $tickNs) }
            break
        }
        $perRunspace = [int][Math]::Ceiling($Calls / $Concurrency)
        $barrier = [System.Threading.Barrier]::new($Concurrency)
        $runs = 1..$Concurrency | ForEach-Object -ThrottleLimit $Concurrency -Parallel {
            $ErrorActionPreference = 'Stop'
            Import-Module $using:ModulePath
            $c = @{
                ClientId = $using:ClientId; UserPoolId = $using:Pool; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'
                AuthParameter = @{ USERNAME = $using:User; PASSWORD = $using:Password }
                EndpointUrl = $using:Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret'
            }
            $n = $using:perRunspace
            for ($i = 0; $i -lt [Math]::Max(1, $using:Warmup); $i++) { $null = Start-CGIPAuthAdmin @c }
            # Everyone starts together, after every runspace has imported the module and warmed up.
            if (-not ($using:barrier).SignalAndWait([TimeSpan]::FromSeconds(120))) { throw 'the other runspaces did not reach the start' }
            $start = [Diagnostics.Stopwatch]::GetTimestamp()
            for ($i = 0; $i -lt $n; $i++) { $null = Start-CGIPAuthAdmin @c }
            [pscustomobject]@{ Start = $start; End = [Diagnostics.Stopwatch]::GetTimestamp(); Calls = $n; Thread = [Environment]::CurrentManagedThreadId }
        }
        $first = ($runs | Measure-Object Start -Minimum).Minimum
        $last = ($runs | Measure-Object End -Maximum).Maximum
        Write-Result @{
            calls = ($runs | Measure-Object Calls -Sum).Sum; concurrency = $Concurrency
            elapsed_ns = [long](($last - $first) * $tickNs); threads = @($runs.Thread | Sort-Object -Unique).Count
        }
    }
    'memory' {
        Import-Module $ModulePath
        $self = [Diagnostics.Process]::GetCurrentProcess()
        $done = 0
        $points = foreach ($target in ($Checkpoints -split ',' | ForEach-Object { [int]$_ } | Sort-Object -Unique)) {
            while ($done -lt $target) { $r = Start-CGIPAuthAdmin @call; $done++ }
            Assert-Tokens $r
            $r = $null
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $self.Refresh()
            # Linux splits resident memory into anonymous (native and managed heaps, stacks), shared (.NET maps
            # its JIT-compiled code twice through shared memory) and file-backed (mapped assemblies and
            # libraries) pages: a leak shows in the first.
            $status = if (Test-Path /proc/self/status) { Get-Content /proc/self/status } else { @() }
            $kib = { param($name) $l = $status | Where-Object { $_ -like "${name}:*" }; if ($l) { [long](($l -split '\s+')[1]) * 1024 } else { $null } }
            @{
                calls = $done; working_set_bytes = $self.WorkingSet64; private_bytes = $self.PrivateMemorySize64; gc_heap_bytes = [GC]::GetTotalMemory($false)
                rss_anon_bytes = & $kib 'RssAnon'; rss_shmem_bytes = & $kib 'RssShmem'; rss_file_bytes = & $kib 'RssFile'
            }
        }
        Write-Result @{ checkpoints = @($points) }
    }
}
