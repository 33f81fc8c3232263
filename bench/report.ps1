# Turns the results of bench/run.ps1 into results.md and chart.png. Dot-sourced by run.ps1.
Set-StrictMode -Version Latest

$script:inv = [cultureinfo]::InvariantCulture

function Get-Path($object, [string] $path) {
    <# Safe lookup of 'a.b.c' in nested dictionaries; $null when any part is missing. #>
    $cur = $object
    foreach ($part in $path.Split('.')) {
        if ($null -eq $cur) { return $null }
        if ($cur -is [Collections.IDictionary]) { if ($cur.Contains($part)) { $cur = $cur[$part] } else { return $null } }
        else { return $null }
    }
    $cur
}

function Format-Number($value, [int] $digits = -1) {
    if ($null -eq $value -or ($value -is [double] -and [double]::IsNaN($value))) { return '–' }
    $v = [double]$value
    if ($digits -lt 0) { $digits = if ([Math]::Abs($v) -lt 1) { 3 } elseif ([Math]::Abs($v) -lt 10) { 2 } elseif ([Math]::Abs($v) -lt 100) { 1 } else { 0 } }
    $v.ToString("N$digits", $script:inv)
}

function Get-Ratio($a, $b) {
    if ($null -eq $a -or $null -eq $b -or [double]$b -eq 0) { return $null }
    [double]$a / [double]$b
}

function Format-RatioText([double] $r) {
    if ($r -ge 100) { $r.ToString('N0', $script:inv) } elseif ($r -ge 10) { $r.ToString('N1', $script:inv) }
    elseif ($r -ge 0.1) { $r.ToString('N2', $script:inv) } else { $r.ToString('G2', $script:inv) }
}

function Format-Ratio($r) { if ($null -eq $r) { '–' } else { "$(Format-RatioText $r)×" } }

function Get-HeadlineRatios($Results) {
    <# The ratios drawn in the chart, as rows of (group, label, vs rust, vs boto3, vs .NET pipeline from pwsh, vs awscli). #>
    $m = $Results.metrics
    # One chart row: ours / each peer for the metric at $path, where {0} stands for the peer's key in results.json.
    function Row([string] $label, [string] $md, [string] $path, [string] $awscliKey) {
        $ours = Get-Path $m ($path -f 'ours')
        [ordered]@{
            label = $label; md = $md
            rust = Get-Ratio $ours (Get-Path $m ($path -f 'rust'))
            boto3 = Get-Ratio $ours (Get-Path $m ($path -f 'boto3'))
            dotnet_pwsh = Get-Ratio $ours (Get-Path $m ($path -f 'dotnet_pwsh'))
            awscli = if ($awscliKey) { Get-Ratio $ours (Get-Path $m ($path -f $awscliKey)) } else { $null }
        }
    }
    $time = @(
        Row 'first call\n(in-process)' 'first call in a fresh session (in-process, median)' 'first_call.{0}.first_call_ms.median'
        Row 'fresh process\n(start to exit)' 'fresh process, start to exit, one call (wall, median)' 'first_call.{0}.process_wall_ms.median' 'awscli'
        Row 'warm call p50\n(a) canned' 'warm call p50, server (a) (AWS CLI: a process per call)' 'warm_latency.stats_ms.a.{0}.median' 'awscli_process_per_call'
        Row 'warm call p99\n(a) canned' 'warm call p99, server (a)' 'warm_latency.stats_ms.a.{0}.p99' 'awscli_process_per_call'
        Row 'warm call p50\n(c) moto' 'warm call p50, server (c) moto' 'warm_latency.stats_ms.c.{0}.median' 'awscli_process_per_call'
    )
    $rate = @(
        Row 'sequential\n(b) 5 ms' 'sequential throughput, server (b)' 'throughput_server_b.peers.{0}.sequential_calls_per_s'
        Row '8 concurrent\n(b) 5 ms' '8-way parallel throughput, server (b)' 'throughput_server_b.peers.{0}.parallel_calls_per_s'
    )
    [ordered]@{ time = $time; rate = $rate }
}

function Install-Gnuplot {
    <# gnuplot from Debian (gnuplot-nox) when it is missing; returns $null when it is there, else why not. #>
    if (Get-Command gnuplot -ErrorAction Ignore) { return $null }
    if (-not (Get-Command apt-get -ErrorAction Ignore)) { return 'gnuplot is not installed and there is no apt-get to install it' }
    if ((& id -u) -ne '0') { return "gnuplot is not installed; run 'apt-get install -y gnuplot-nox' as root" }
    Write-Host '           installing gnuplot-nox (Debian) for the chart'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    & apt-get install -y -qq gnuplot-nox *> $null
    if ($LASTEXITCODE -ne 0) {
        & apt-get update -qq *> $null
        & apt-get install -y -qq gnuplot-nox *> $null
    }
    if (Get-Command gnuplot -ErrorAction Ignore) { return $null }
    'gnuplot-nox could not be installed (apt-get failed)'
}

function New-BenchChart {
    <# Writes the PNG; returns 'ok' or the reason it was skipped. #>
    param($Results, [string] $Path, [string] $ScratchDir)
    $why = Install-Gnuplot
    if ($why) { Write-Warning "chart skipped: $why"; return "skipped: $why" }

    $ratios = Get-HeadlineRatios $Results
    $peers = @(
        @{ key = 'rust'; title = 'vs Rust SDK (floor)'; color = '#4C72B0' }
        @{ key = 'boto3'; title = 'vs boto3'; color = '#DD8452' }
        @{ key = 'dotnet_pwsh'; title = 'vs AWS SDK for .NET pipeline from pwsh (GetItem as proxy)'; color = '#8172B3' }
        @{ key = 'awscli'; title = 'vs AWS CLI v1 (a process per call)'; color = '#55A868' }
    )
    $files = @()
    $panels = @()
    $slot = $peers.Count + 1   # bars per row, plus a gap
    foreach ($group in 'time', 'rate') {
        $rows = $ratios[$group]
        $lines = [Collections.Generic.List[string]]::new()
        $all = [Collections.Generic.List[double]]::new()
        foreach ($row in $rows) { foreach ($peer in $peers) { if ($null -ne $row[$peer.key]) { $all.Add($row[$peer.key]) } } }
        # The axis spans the data, but at most 1/200 to 200: a bar beyond is cut at the edge and its label,
        # with the true value, is kept inside.
        $lo = 0.5; $hi = 2.0
        foreach ($v in $all) { $lo = [Math]::Min($lo, $v / 2.5); $hi = [Math]::Max($hi, $v * 2.5) }
        $lo = [Math]::Max($lo, 1 / 200); $hi = [Math]::Min($hi, 200)
        for ($pi = 0; $pi -lt $peers.Count; $pi++) {
            $lines.Add("# $($peers[$pi].key): x ratio label_y label")
            $lines.Add('NaN NaN NaN ""')
            for ($r = 0; $r -lt $rows.Count; $r++) {
                $v = $rows[$r][$peers[$pi].key]
                if ($null -eq $v) { continue }
                $x = $r * $slot + $pi
                $ly = if ($v -ge 1) { [Math]::Min($v * 1.15, $hi / 1.3) } else { [Math]::Max($v / 1.15, $lo * 1.3) }
                $lines.Add(('{0} {1} {2} "{3}×"' -f $x, $v.ToString('R', $script:inv), $ly.ToString('R', $script:inv), (Format-RatioText $v)))
            }
            $lines.Add(''); $lines.Add('')
        }
        $dat = Join-Path $ScratchDir "chart-$group.tmp"
        Set-Content -Path $dat -Value $lines -Encoding utf8
        $files += $dat
        $tics = (0..($rows.Count - 1) | ForEach-Object { '"{0}" {1}' -f $rows[$_].label, ($_ * $slot + ($peers.Count - 1) / 2) }) -join ', '
        # 1-2-5 steps when the axis spans little, decades otherwise.
        $steps = if ([Math]::Log10($hi / $lo) -lt 2.5) { 1, 2, 5 } else { , 1 }
        $ytics = @(foreach ($e in -4..3) { foreach ($st in $steps) { $t = $st * [Math]::Pow(10, $e); if ($t -ge $lo -and $t -le $hi) { $t.ToString('R', $script:inv) } } }) -join ', '
        $withData = @($peers | Where-Object { $k = $_.key; @($rows | Where-Object { $null -ne $_[$k] }).Count -gt 0 })
        $panels += [ordered]@{ group = $group; dat = $dat; lo = $lo; hi = $hi; tics = $tics; ytics = $ytics; xmax = $rows.Count * $slot - 1; peers = $withData }
    }

    $quick = if ($Results.meta.quick) { '   —   QUICK RUN (small counts, noisy machine): indicative only' } else { '' }
    $gp = [Collections.Generic.List[string]]::new()
    $gp.Add('set encoding utf8')
    $gp.Add("set terminal pngcairo size 1600,780 font 'Sans,11'")
    $gp.Add("set output '$($Path.Replace("'", "''"))'")
    $gp.Add("set multiplot layout 1,2 columns title 'Start-CGIPAuthAdmin (CognitoAdminAuth) against its peers: ratio ours / peer$quick' font 'Sans,14'")
    $gp.Add('set logscale y')
    $gp.Add('set grid ytics')
    $gp.Add('set style fill solid 0.85 border -1')
    $gp.Add('set key below horizontal maxrows 1 box')
    $gp.Add('set bmargin 7')
    $gp.Add('set xtics scale 0 font "Sans,10"')
    $gp.Add('set ytics format "%g×"')
    foreach ($panel in $panels) {
        $title = if ($panel.group -eq 'time') { 'Time, ours / peer   (below 1 = ours faster)' } else { 'Throughput, ours / peer   (above 1 = ours higher)' }
        $gp.Add("set title '$title' font 'Sans,12'")
        $gp.Add(('set yrange [{0}:{1}]' -f $panel.lo.ToString('R', $script:inv), $panel.hi.ToString('R', $script:inv)))
        $gp.Add("set xrange [-1:$($panel.xmax)]")
        $gp.Add("set xtics ($($panel.tics))")
        $gp.Add("set ytics ($($panel.ytics))")
        $gp.Add('set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lw 2 dt 2 lc rgb "black" front')
        $plots = @()
        for ($pi = 0; $pi -lt $peers.Count; $pi++) {
            if ($panel.peers -notcontains $peers[$pi]) { continue }
            $plots += "'$($panel.dat)' index $pi using 1:2:(`$1-0.45):(`$1+0.45):(1):2 with boxxyerror lc rgb '$($peers[$pi].color)' title '$($peers[$pi].title)'"
            $plots += "'$($panel.dat)' index $pi using 1:3:4 with labels font 'Sans,9' notitle"
        }
        $gp.Add('plot ' + ($plots -join ', '))
    }
    $gp.Add('unset multiplot')
    $script = Join-Path $ScratchDir 'chart.gp.tmp'
    Set-Content -Path $script -Value $gp -Encoding utf8
    $files += $script
    $out = & gnuplot $script 2>&1
    $ok = $LASTEXITCODE -eq 0 -and (Test-Path $Path)
    $messages = @($out | ForEach-Object { "$_" } | Where-Object { $_ -and $_ -notmatch 'Skipping data file with no valid points' })
    foreach ($f in $files) { Remove-Item $f -ErrorAction Ignore }
    if (-not $ok) { Write-Warning "gnuplot failed: $($messages -join ' | ')"; return "skipped: gnuplot failed ($($messages -join ' | '))" }
    'ok'
}

function Format-BenchMarkdown {
    param($Results, [string] $ChartNote)
    $m = $Results.metrics
    $meta = $Results.meta
    $mc = $meta.machine
    $v = $meta.versions
    $c = $meta.counts
    $md = [Collections.Generic.List[string]]::new()
    function Add([string] $line = '') { $md.Add($line) }
    function Row([object[]] $cells) {
        $flat = @(foreach ($x in $cells) { $x })   # a cell given as an array (StatCells) becomes several cells
        $md.Add('| ' + (($flat | ForEach-Object { "$_" }) -join ' | ') + ' |')
    }
    function StatCells($s) { if ($s) { (Format-Number $s.median), (Format-Number $s.p99), $s.n } else { '–', '–', 0 } }

    Add '# CognitoAdminAuth benchmark results'
    Add
    if ($meta.quick) {
        Add '> **QUICK RUN** (`-Quick`): small counts, to check the harness. The numbers are indicative only; run without `-Quick` for figures to quote.'
        Add
    }
    $started = if ($meta.started_utc -is [datetime]) { $meta.started_utc.ToUniversalTime().ToString('yyyy-MM-dd HH:mm') } else { "$($meta.started_utc)".Substring(0, 16).Replace('T', ' ') }
    Add "Run $started UTC, $($meta.duration_s) s, commit $($v.git_commit). Produced by ``.tools/pwsh/pwsh -NoProfile -File bench/run.ps1$(if ($meta.quick) { ' -Quick' })$(if ((Get-Path $meta 'pwsh_host') -eq 'ReadyToRun') { ' -PwshHost ReadyToRun' })``; what each figure measures: [bench/README.md](../README.md). Times in ms; median and p99 (nearest rank) over n samples."
    Add
    Add '## Machine'
    Add
    Row 'what', 'value'
    Row '---', '---'
    Row 'CPU', "$($mc.cpu_model), $($mc.logical_cores) logical cores"
    Row 'memory', "$($mc.memory_gib) GiB"
    Row 'OS', "$($mc.os), Linux kernel $($mc.kernel)"
    Row 'load average (1, 5, 15 min)', "$($mc.load_average_start) at start, $(Get-Path $mc 'load_average_end') at end (other work on the machine shows here)"
    Row 'PowerShell / .NET', "pwsh $($v.pwsh), $($v.dotnet); CognitoAdminAuth $($v.module)"
    if ($v.Contains('pwsh_host')) { Row 'pwsh running the PowerShell rows', $v.pwsh_host }
    Row 'AWS SDK for Rust', "aws-sdk-cognitoidentityprovider $($v.aws_sdk_cognitoidentityprovider), aws-config $($v.aws_config), aws-smithy-runtime $($v.aws_smithy_runtime), hyper $($v.hyper), tokio $($v.tokio); $($v.rustc)"
    Row 'Python peers', "Python $($v.python), boto3 $($v.boto3), botocore $($v.botocore); $($v.aws_cli)"
    Row 'AWS SDK for .NET pipeline', "AWSSDK.Core $(Get-Path $v 'awssdk_core'), AWSSDK.DynamoDBv2 $(Get-Path $v 'awssdk_dynamodbv2'): DynamoDB GetItem against the canned responder, whose item holds the same tokens (AWSSDK.CognitoIdentityProvider is not served here)"
    Row 'servers', "(a) canned responder, at once; (b) canned responder, 5 ms; (c) moto $($v.moto); all on 127.0.0.1"
    Add

    # --- targets
    $imp = Get-Path $m 'import.import_in_process_ms'
    $ovh = Get-Path $m 'warm_latency.overhead_over_rust_floor_server_a'
    $tpo = Get-Path $m 'throughput_server_b.peers.ours'
    $mem = Get-Path $m 'memory_server_a.ours'
    $memLast = if ($mem) { $mem.checkpoints[-1] } else { $null }
    Add '## Against the targets'
    Add
    Add 'The targets of #29: each a ratio within this run, against floors measured in the same run, so that a faster or slower machine moves both sides together. The floors: *the native core alone* (the same calls through the module''s C ABI, no .NET) and *PowerShell''s floor* (`New-Variable` with eight splatted parameters in the same loop: what any compiled cmdlet call costs in this host).'
    Add
    $w = Get-Path $m 'warm_latency.stats_ms'
    $fc = Get-Path $m 'first_call'
    $tpp = Get-Path $m 'throughput_server_b.peers'
    $imports = Get-Path $m 'import'
    $alloc = Get-Path $m 'warm_latency.allocated_bytes_per_call_server_a'
    function TargetRow([string] $what, $value, [string] $shown, [string] $target, [scriptblock] $met) {
        $cell = if ($null -eq $value) { 'not measured' } else { $shown }
        Row $what, $cell, $target, $(if ($null -eq $value) { '–' } elseif (& $met $value) { 'yes' } else { 'no' })
    }
    function Median([string] $path) { Get-Path $m "$path.median" }
    function Sum($a, $b) { if ($null -eq $a -or $null -eq $b) { $null } else { [double]$a + [double]$b } }
    # ours / (native core alone + PowerShell's floor), at one statistic of the warm calls on (a)
    function FloorRatio([string] $stat, $oursStats, $floorStats) {
        $floors = Sum (Get-Path $w "a.rust_abi.$stat") (Get-Path $floorStats $stat)
        $r = Get-Ratio (Get-Path $oursStats $stat) $floors
        @{ Ratio = $r; Text = "$(Format-Ratio $r) ($(Format-Number (Get-Path $oursStats $stat)) vs $(Format-Number (Get-Path $w "a.rust_abi.$stat")) + $(Format-Number (Get-Path $floorStats $stat)) ms)" }
    }
    Row 'metric, same run', 'measured', 'target', 'within target'
    Row '---', '---', '---', '---'
    $p50 = FloorRatio 'median' (Get-Path $w 'a.ours') (Get-Path $w 'a.pwsh_floor')
    TargetRow 'warm p50 / (native core alone p50 + PowerShell floor p50), server (a)' $p50.Ratio $p50.Text '≤ 1.2×' { param($r) $r -le 1.2 }
    $p99 = FloorRatio 'p99' (Get-Path $w 'a.ours') (Get-Path $w 'a.pwsh_floor')
    TargetRow 'warm p99 / (native core alone p99 + PowerShell floor p99), server (a)' $p99.Ratio $p99.Text '≤ 2×' { param($r) $r -le 2 }
    $steady = Get-Path $m 'warm_latency.steady_state_server_a'
    if ($steady) {
        foreach ($stat in 'median', 'p99') {
            $s = FloorRatio $stat (Get-Path $steady 'stats_ms.ours') (Get-Path $steady 'stats_ms.pwsh_floor')
            Row "→ the same at $(if ($stat -eq 'median') { 'p50' } else { 'p99' }), ours and the floor in their steady state (after $(Format-Number $steady.warmup_calls 0) warm-up calls; for information)", $s.Text, '–', '–'
        }
    }
    $vsDotnet = Get-Ratio (Median 'warm_latency.stats_ms.a.ours') (Median 'warm_latency.stats_ms.a.dotnet_pwsh')
    TargetRow 'warm p50 vs the AWS SDK for .NET pipeline called from pwsh, server (a)' $vsDotnet "$(Format-Ratio $vsDotnet) ($(Format-Number (Median 'warm_latency.stats_ms.a.ours')) vs $(Format-Number (Median 'warm_latency.stats_ms.a.dotnet_pwsh')) ms)" '≤ 0.9×' { param($r) $r -le 0.9 }
    $beyond = if ($alloc -and (Get-Path $alloc 'ours') -and (Get-Path $alloc 'pwsh_floor')) { ($alloc.ours.median - $alloc.pwsh_floor.median) / 1000 } else { $null }
    TargetRow 'allocated bytes per call beyond PowerShell''s floor (warm, same loop)' $beyond "$(Format-Number $beyond 1) KB (ours $(Format-Number (Get-Path $alloc 'ours.median') 0) B − floor $(Format-Number (Get-Path $alloc 'pwsh_floor.median') 0) B)" '≤ 8 KB' { param($kb) $kb -le 8 }
    $first = Get-Ratio (Median 'first_call.ours.first_call_ms') (Median 'first_call.rust.first_call_ms')
    TargetRow 'first call in a fresh session, in-process, vs the Rust SDK''s first call' $first "$(Format-Ratio $first) ($(Format-Number (Median 'first_call.ours.first_call_ms')) vs $(Format-Number (Median 'first_call.rust.first_call_ms')) ms)" '≤ 3×' { param($r) $r -le 3 }
    if (Get-Path $fc 'pwsh_floor.first_call_ms') {
        Row '→ of it, PowerShell''s own first call of a compiled cmdlet in a fresh session (New-Variable, eight splatted parameters; for information)', "$(Format-Number (Median 'first_call.pwsh_floor.first_call_ms')) ms", '–', '–'
    }
    $answer = Get-Ratio (Median 'first_call.ours.load_and_first_call_ms') (Median 'first_call.dotnet_pwsh.load_and_first_call_ms')
    TargetRow 'first answer in a fresh pwsh (import + first call) vs the AWS SDK for .NET pipeline from pwsh (assemblies + client + first call)' $answer "$(Format-Ratio $answer) ($(Format-Number (Median 'first_call.ours.load_and_first_call_ms')) vs $(Format-Number (Median 'first_call.dotnet_pwsh.load_and_first_call_ms')) ms)" '≤ 0.3×' { param($r) $r -le 0.3 }
    $par = Get-Ratio (Get-Path $tpp 'ours.parallel_calls_per_s') (Get-Path $tpp 'rust.parallel_calls_per_s')
    TargetRow "$($c.Concurrency) runspaces vs $($c.Concurrency) Rust tasks, 5 ms server (b), calls/s" $par "$(Format-Ratio $par) ($(Format-Number (Get-Path $tpp 'ours.parallel_calls_per_s') 0) vs $(Format-Number (Get-Path $tpp 'rust.parallel_calls_per_s') 0))" '≥ 0.95×' { param($r) $r -ge 0.95 }
    $abiPar = Get-Path $tpp 'rust_abi.parallel_calls_per_s'
    if ($abiPar) { Row "→ the native core alone, $($c.Concurrency) plain threads through its C ABI, vs the same Rust tasks (for information)", "$(Format-Ratio (Get-Ratio $abiPar (Get-Path $tpp 'rust.parallel_calls_per_s'))) ($(Format-Number $abiPar 0) vs $(Format-Number (Get-Path $tpp 'rust.parallel_calls_per_s') 0))", '–', '–' }
    $floorGrowth = Get-Path $m 'memory_server_a.pwsh_floor.growth_mb'
    $growth = if ($mem -and $null -ne $floorGrowth) { $mem.growth_mb - $floorGrowth } else { $null }
    TargetRow "working-set growth beyond PowerShell's floor, call $(if ($mem) { $mem.checkpoints[0].calls }) → $(if ($memLast) { $memLast.calls })" $growth "$(Format-Number $growth 2) MiB (ours $(if ($mem) { Format-Number $mem.growth_mb 2 }), floor $(Format-Number $floorGrowth 2))" '≤ 1 MiB' { param($g) $g -le 1 }
    Add
    Add '### Earlier targets (for information)'
    Add
    Row 'target', 'measured', 'target then', 'within target'
    Row '---', '---', '---', '---'
    if ($imp) { Row 'Import-Module in a warm pwsh (in-process, median)', "$(Format-Number $imp.median) ms (p99 $(Format-Number $imp.p99), n $($imp.n))", '≤ 100 ms', $(if ($imp.median -le 100) { 'yes' } else { 'no' }) }
    $outside = Get-Ratio (Get-Path $imports 'import_seen_from_outside_ms') (Get-Path $imports 'pwsh_start_ms.median')
    if ($null -ne $outside) { Row 'import seen from outside: (pwsh start + import − pwsh start) / pwsh start, fresh processes', "$(Format-Ratio $outside) ($(Format-Number (Get-Path $imports 'import_seen_from_outside_ms')) of $(Format-Number (Get-Path $imports 'pwsh_start_ms.median')) ms)", '≤ 0.25', $(if ($outside -le 0.25) { 'yes' } else { 'no' }) }
    $moto = Get-Ratio (Median 'warm_latency.stats_ms.c.ours') (Median 'warm_latency.stats_ms.c.rust')
    if ($null -ne $moto) { Row 'warm p50 vs the Rust SDK, moto (c)', "$(Format-Ratio $moto) ($(Format-Number (Median 'warm_latency.stats_ms.c.ours')) vs $(Format-Number (Median 'warm_latency.stats_ms.c.rust')) ms)", '≤ 1.05×', $(if ($moto -le 1.05) { 'yes' } else { 'no' }) }
    if ($tpo -and $tpo.Contains('speedup')) { Row "parallel throughput, $($c.Concurrency) runspaces vs sequential, server (b)", "$(Format-Number $tpo.speedup 2)× ($(Format-Number $tpo.parallel_calls_per_s 0) vs $(Format-Number $tpo.sequential_calls_per_s 0) calls/s)", '≥ 6×', $(if ($tpo.speedup -ge 6) { 'yes' } else { 'no' }) }
    $size = Get-Path $m 'module_csharp_lines'
    if ($size) { Row 'C# lines of the module (hand-written + generated)', "$($size.hand_written + $size.generated) ($($size.hand_written) + $($size.generated))", 'report', '–' }
    Add

    # --- 1
    Add '## 1. Import-Module (fresh pwsh processes)'
    Add
    Row 'measure', 'median', 'p99', 'n'
    Row '---', '---:', '---:', '---:'
    Row '`Import-Module CognitoAdminAuth` in-process, after a trivial module warmed pwsh''s import code', (StatCells (Get-Path $m 'import.import_in_process_ms'))
    Row '→ of it, choosing the session''s AWS types: loaded SDK, PSModulePath look-up for AWS.Tools, stand-in loads (once per session)', (StatCells (Get-Path $m 'import.aws_types_lookup_ms'))
    Row 'first `Import-Module` of a trivial script module (pwsh''s own one-time cost, for scale)', (StatCells (Get-Path $m 'import.trivial_module_first_import_ms'))
    Row 'pwsh start: `pwsh -NoProfile -Command exit`, wall', (StatCells (Get-Path $m 'import.pwsh_start_ms'))
    Row 'pwsh start + import: `pwsh -NoProfile -Command "Import-Module …; exit"`, wall', (StatCells (Get-Path $m 'import.pwsh_start_plus_import_ms'))
    Row '→ import seen from outside (difference of the two medians above)', (Format-Number (Get-Path $m 'import.import_seen_from_outside_ms')), '', ''
    Add

    # --- 2
    $fc = Get-Path $m 'first_call'
    Add '## 2. First call in a fresh session (server a)'
    Add
    Add 'In-process: from just before the first call to its answer, including whatever the peer sets up lazily (ours: native library load, tokio runtime, client, credentials, connection; Rust and boto3: client construction + first call). Process: the whole fresh process, start to exit, one import and one call (plus a second call for the in-process peers).'
    Add
    Row 'peer', 'first call, in-process, median', 'p99', 'second call, median', 'fresh process start → exit, median', 'p99', 'n'
    Row '---', '---:', '---:', '---:', '---:', '---:', '---:'
    foreach ($p in @(@('ours', 'ours (Start-CGIPAuthAdmin, after Import-Module)'), @('rust', 'AWS SDK for Rust (floor)'), @('boto3', 'boto3 (after `import boto3`)'), @('dotnet', 'AWS SDK for .NET pipeline (DynamoDB GetItem as proxy), plain .NET process'), @('dotnet_pwsh', 'AWS SDK for .NET pipeline (DynamoDB GetItem as proxy), from pwsh, after loading its assemblies'))) {
        $s = Get-Path $fc "$($p[0]).first_call_ms"; $s2 = Get-Path $fc "$($p[0]).second_call_ms"; $w = Get-Path $fc "$($p[0]).process_wall_ms"
        Row $p[1], (Format-Number (Get-Path $s 'median')), (Format-Number (Get-Path $s 'p99')), (Format-Number (Get-Path $s2 'median')), (Format-Number (Get-Path $w 'median')), (Format-Number (Get-Path $w 'p99')), $(if ($s) { $s.n } else { 0 })
    }
    $cli = Get-Path $fc 'awscli.process_wall_ms'
    Row 'AWS CLI v1 (`aws cognito-idp admin-initiate-auth`)', '–', '–', '–', (Format-Number (Get-Path $cli 'median')), (Format-Number (Get-Path $cli 'p99')), $(if ($cli) { $cli.n } else { 0 })
    foreach ($x in $Results.not_obtainable) { Row $x.peer, 'not obtainable (NU1101)', '', '', '', '', '' }
    Add
    $extra = @()
    if (Get-Path $fc 'ours.import_ms') { $extra += "ours: Import-Module before it $(Format-Number (Get-Path $fc 'ours.import_ms.median')) ms; process start to first answer $(Format-Number (Get-Path $fc 'ours.process_age_at_first_answer_ms.median')) ms" }
    if (Get-Path $fc 'boto3.import_boto3_ms') { $extra += "boto3: ``import boto3`` before it $(Format-Number (Get-Path $fc 'boto3.import_boto3_ms.median')) ms; client construction, $(Format-Number (Get-Path $fc 'boto3.client_ms.median')) ms, is part of its first call" }
    foreach ($p in @(@('ours', 'ours'), @('dotnet_pwsh', 'the .NET pipeline from pwsh'))) {
        if (Get-Path $fc "$($p[0]).load_and_first_call_ms") { $extra += "$($p[1]): loading plus first call $(Format-Number (Get-Path $fc "$($p[0]).load_and_first_call_ms.median")) ms (loading alone $(Format-Number (Get-Path $fc "$($p[0]).import_ms.median")) ms)" }
    }
    if (Get-Path $fc 'dotnet.client_ms') { $extra += ".NET pipeline, plain process: client construction, $(Format-Number (Get-Path $fc 'dotnet.client_ms.median')) ms, is part of its first call; process start to first answer $(Format-Number (Get-Path $fc 'dotnet.process_age_at_first_answer_ms.median')) ms" }
    if (Get-Path $fc 'rust.client_ms') { $extra += "Rust: client construction, $(Format-Number (Get-Path $fc 'rust.client_ms.median')) ms, is part of its first call" }
    if ($extra) { Add ('Also: ' + ($extra -join '; ') + '.'); Add }

    # --- 3
    $w = Get-Path $m 'warm_latency.stats_ms'
    Add '## 3. Warm per-call latency'
    Add
    Add "One client (ours: one session) per process, after a warm-up; each call timed on its own. Rounds of fresh processes, peers interleaved ($($c.LatencyRounds) rounds × $($c.LatencyPerRound) calls on (a), × $($c.MotoPerRound) on (c)). The AWS CLI starts a process per call, so its figure is a whole process ($($c.CliCalls) calls)."
    Add
    Row 'peer', '(a) canned p50', '(a) p99', '(a) n', '(c) moto p50', '(c) p99', '(c) n', 'ours / peer, (a) p50', 'ours / peer, (c) p50'
    Row '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'
    foreach ($p in @(@('ours', 'ours (Start-CGIPAuthAdmin)'), @('rust', 'AWS SDK for Rust (floor)'), @('rust_abi', 'our native core alone, through its C ABI with the envelope the cmdlet writes, no .NET (for scale)'), @('boto3', 'boto3'), @('dotnet', 'AWS SDK for .NET pipeline (GetItem as proxy), plain .NET process; (a) only'), @('dotnet_pwsh', 'AWS SDK for .NET pipeline (GetItem as proxy), from pwsh; (a) only'), @('awscli_process_per_call', 'AWS CLI v1 (a process per call)'), @('pwsh_floor', 'PowerShell''s own floor, for scale: New-Variable (a compiled cmdlet, no I/O) with eight splatted parameters, same loop'))) {
        $a = Get-Path $w "a.$($p[0])"; $cc = Get-Path $w "c.$($p[0])"
        $ra = if ($p[0] -notin 'ours', 'pwsh_floor') { Format-Ratio (Get-Ratio (Get-Path $w 'a.ours.median') $(if ($a) { $a.median })) } else { '' }
        $rc = if ($p[0] -notin 'ours', 'pwsh_floor') { Format-Ratio (Get-Ratio (Get-Path $w 'c.ours.median') $(if ($cc) { $cc.median })) } else { '' }
        Row $p[1], (Format-Number (Get-Path $a 'median')), (Format-Number (Get-Path $a 'p99')), $(if ($a) { $a.n } else { 0 }), (Format-Number (Get-Path $cc 'median')), (Format-Number (Get-Path $cc 'p99')), $(if ($cc) { $cc.n } else { 0 }), $ra, $rc
    }
    foreach ($x in $Results.not_obtainable) { Row $x.peer, 'not obtainable (NU1101)', '', '', '', '', '', '', '' }
    Add
    if ($ovh) { Add "Overhead of ours over the Rust SDK floor on (a) — what the C ABI, the C# cmdlet and PowerShell add: **$(Format-Number $ovh.p50_ms) ms at p50**, $(Format-Number $ovh.p99_ms) ms at p99."; Add }
    $abi = Get-Path $w 'a.rust_abi'
    if ($ovh -and $abi) { Add "Split at p50 on (a): the native core (envelope, C ABI, client cache, the answer's JSON) adds $(Format-Number ($abi.median - $m.warm_latency.stats_ms.a.rust.median)) ms over the SDK; .NET, the C# cmdlet and PowerShell add $(Format-Number ($m.warm_latency.stats_ms.a.ours.median - $abi.median)) ms over the native core."; Add }
    $steadyAll = Get-Path $m 'warm_latency.steady_state_server_a'
    if ($steadyAll -and $steadyAll.stats_ms.Count) {
        Add "The pwsh peers above are measured after $($c.Warmup) warm-up calls, while .NET is still tiering their code and PowerShell's (in this pwsh, installed as a dotnet tool, PowerShell's own System.Management.Automation is JIT-compiled as well: no ReadyToRun code of it was in use when measured). Measured again in one process each after $(Format-Number $steadyAll.warmup_calls 0) warm-up calls ($(Format-Number $steadyAll.calls 0) calls): $((@(@('ours', 'ours'), @('dotnet_pwsh', 'the .NET pipeline from pwsh'), @('pwsh_floor', 'PowerShell''s floor')) | Where-Object { $steadyAll.stats_ms.Contains($_[0]) } | ForEach-Object { "$($_[1]) p50 $(Format-Number $steadyAll.stats_ms[$_[0]].median) ms, p99 $(Format-Number $steadyAll.stats_ms[$_[0]].p99) ms" }) -join '; ')."
        Add
    }
    $floor = Get-Path $w 'a.pwsh_floor'
    if ($floor) { Add "Of that, PowerShell's own cmdlet invocation (the floor row: binding eight splatted parameters, running a compiled cmdlet, writing its output) takes $(Format-Number $floor.median) ms at p50 in the same loop; it allocates $(Format-Number (Get-Path $m 'warm_latency.allocated_bytes_per_call_server_a.pwsh_floor.median') 0) B per call of the $(Format-Number (Get-Path $m 'warm_latency.allocated_bytes_per_call_server_a.ours.median') 0) B that ours allocates."; Add }

    # --- 4
    $t = Get-Path $m 'throughput_server_b.peers'
    Add "## 4. Throughput against (b), the 5 ms responder"
    Add
    Add "Sequential: $($c.SeqCalls) calls one after the other. Parallel: $($c.ParCalls) calls shared by $($c.Concurrency) concurrent callers, all started together after warm-up; calls/s = calls ÷ (last finish − common start)."
    Add
    Row 'peer', 'how it runs 8 at once', 'sequential calls/s', 'ms per call', "$($c.Concurrency) concurrent calls/s", 'speed-up', 'ours / peer, sequential', 'ours / peer, parallel'
    Row '---', '---', '---:', '---:', '---:', '---:', '---:', '---:'
    foreach ($p in @(@('ours', 'ours'), @('rust', 'AWS SDK for Rust (floor)'), @('rust_abi', 'our native core alone, through its C ABI, no .NET (for scale)'), @('boto3', 'boto3'), @('dotnet', 'AWS SDK for .NET pipeline (GetItem as proxy), plain .NET process'), @('dotnet_pwsh', 'AWS SDK for .NET pipeline (GetItem as proxy), from pwsh'))) {
        $x = Get-Path $t $p[0]
        $how = Get-Path $m "throughput_server_b.how.$($p[0])"
        $r1 = if ($p[0] -ne 'ours') { Format-Ratio (Get-Ratio (Get-Path $t 'ours.sequential_calls_per_s') (Get-Path $x 'sequential_calls_per_s')) } else { '' }
        $r2 = if ($p[0] -ne 'ours') { Format-Ratio (Get-Ratio (Get-Path $t 'ours.parallel_calls_per_s') (Get-Path $x 'parallel_calls_per_s')) } else { '' }
        Row $p[1], $how, (Format-Number (Get-Path $x 'sequential_calls_per_s') 0), (Format-Number (Get-Path $x 'sequential_ms_per_call')), (Format-Number (Get-Path $x 'parallel_calls_per_s') 0), $(if ($null -ne (Get-Path $x 'speedup')) { "$(Format-Number (Get-Path $x 'speedup') 2)×" } else { '–' }), $r1, $r2
    }
    Row 'AWS CLI v1', 'a process per call: not measured', '–', '–', '–', '–', '', ''
    foreach ($x in $Results.not_obtainable) { Row $x.peer, 'not obtainable (NU1101)', '', '', '', '', '', '' }
    Add

    # --- 5
    $mm = Get-Path $m 'memory_server_a'
    Add '## 5. Memory over many calls (server a)'
    Add
    Add 'Working set (resident memory) of the process after N calls in one session. Ours: after a full .NET GC at each checkpoint; the GC heap is shown beside it. Rust SDK and boto3 (after `gc.collect()`) for context.'
    Add
    if ($mem) {
        $head = @('peer') + @($mem.checkpoints | ForEach-Object { "after $($_.calls)" }) + @('growth, first → last')
        Row $head
        Row (@('---') + @($mem.checkpoints | ForEach-Object { '---:' }) + @('---:'))
        Row (@('ours, working set MiB') + @($mem.checkpoints | ForEach-Object { Format-Number $_.working_set_mb 1 }) + @("$(Format-Number $mem.growth_mb 2)"))
        Row (@('ours, private MiB') + @($mem.checkpoints | ForEach-Object { Format-Number $_.private_mb 1 }) + @("$(Format-Number ($mem.checkpoints[-1].private_mb - $mem.checkpoints[0].private_mb) 2)"))
        if ($null -ne (Get-Path $mem.checkpoints[0] 'rss_anon_mb')) {
            Row (@('ours, of which anonymous (RssAnon) MiB') + @($mem.checkpoints | ForEach-Object { Format-Number $_.rss_anon_mb 1 }) + @("$(Format-Number ($mem.checkpoints[-1].rss_anon_mb - $mem.checkpoints[0].rss_anon_mb) 2)"))
            Row (@('ours, of which shared (RssShmem: JIT code) MiB') + @($mem.checkpoints | ForEach-Object { Format-Number $_.rss_shmem_mb 1 }) + @("$(Format-Number ($mem.checkpoints[-1].rss_shmem_mb - $mem.checkpoints[0].rss_shmem_mb) 2)"))
            Row (@('ours, of which file-backed (RssFile) MiB') + @($mem.checkpoints | ForEach-Object { Format-Number $_.rss_file_mb 1 }) + @("$(Format-Number ($mem.checkpoints[-1].rss_file_mb - $mem.checkpoints[0].rss_file_mb) 2)"))
        }
        Row (@('ours, .NET GC heap MiB') + @($mem.checkpoints | ForEach-Object { Format-Number $_.gc_heap_mb 2 }) + @("$(Format-Number ($mem.checkpoints[-1].gc_heap_mb - $mem.checkpoints[0].gc_heap_mb) 2)"))
        foreach ($p in @(@('rust', 'AWS SDK for Rust, RSS MiB'), @('boto3', 'boto3, RSS MiB'), @('dotnet', 'AWS SDK for .NET pipeline, plain .NET process, working set MiB'), @('dotnet_pwsh', 'AWS SDK for .NET pipeline from pwsh, working set MiB'), @('pwsh_floor', 'PowerShell''s own floor (New-Variable, same loop), working set MiB'))) {
            $x = Get-Path $mm $p[0]
            if ($x -and $x.checkpoints.Count -eq $mem.checkpoints.Count) {
                Row (@($p[1]) + @($x.checkpoints | ForEach-Object { Format-Number $_.working_set_mb 1 }) + @("$(Format-Number $x.growth_mb 2)"))
            }
        }
        Add
        if ($mem.Contains('growth_after_1000_calls_mb')) { Add "Working set growth from 1,000 calls to $($memLast.calls) (after start-up effects such as JIT tiering and connection set-up): $(Format-Number $mem.growth_after_1000_calls_mb 2) MiB. A leak would show in anonymous memory (native and managed heaps); shared memory holds .NET's JIT-compiled code, and file-backed pages are mapped assemblies and libraries being touched."; Add }
        $floorMem = Get-Path $mm 'pwsh_floor'
        if ($floorMem) { Add "PowerShell's own floor (New-Variable in the same loop, no module, no I/O) grows $(Format-Number $floorMem.growth_mb 2) MiB over the same calls: the host's own growth (its JIT tiering and the GC's first-generation budget being committed). What ours adds beyond it: $(Format-Number ($mem.growth_mb - $floorMem.growth_mb) 2) MiB."; Add }
    } else { Add 'Not measured (see failures).'; Add }

    # --- chart
    Add '## Ratios ours / peer (the chart)'
    Add
    if ($ChartNote -eq 'ok') { Add '![ratio chart](chart.png)'; Add }
    else { Add "Chart not drawn: $ChartNote."; Add }
    $ratios = Get-HeadlineRatios $Results
    Row 'ratio ours / peer', 'vs AWS SDK for Rust', 'vs boto3', 'vs AWS SDK for .NET pipeline from pwsh (GetItem as proxy)', 'vs AWS CLI v1', 'reading'
    Row '---', '---:', '---:', '---:', '---:', '---'
    foreach ($r in $ratios.time) { Row $r.md, (Format-Ratio $r.rust), (Format-Ratio $r.boto3), (Format-Ratio $r.dotnet_pwsh), (Format-Ratio $r.awscli), 'time: below 1 = ours faster' }
    foreach ($r in $ratios.rate) { Row $r.md, (Format-Ratio $r.rust), (Format-Ratio $r.boto3), (Format-Ratio $r.dotnet_pwsh), (Format-Ratio $r.awscli), 'throughput: above 1 = ours higher' }
    Add

    Add '## Not measured'
    Add
    foreach ($x in $Results.not_obtainable) { Add "- **$($x.peer)**: $($x.reason)." }
    Add '- AWS CLI v1 throughput: it starts a process per call, so only its per-call latency is reported.'
    if ($Results.failures -and @($Results.failures).Count) {
        Add
        Add '## Failures in this run'
        Add
        foreach ($f in $Results.failures) { Add "- $f" }
    }
    $md -join "`n"
}
