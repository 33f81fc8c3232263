using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>What a request carries beside the AWS input, for the module's own help; never sent as such.</summary>
    internal sealed class EnvelopeExtras
    {
        public string ClientSecret { get; set; }
        public DeviceSecret Device { get; set; }
        public Dictionary<string, string> ChallengeParameters { get; set; }
        public string TotpSecret { get; set; }
    }

    /// <summary>
    /// Everything the service cmdlets share, in AWS.Tools' per-record order (credentials → region →
    /// ShouldProcess → -Select validation → request → call → select → output): -Select, the $null warnings for
    /// mandatory parameters, history, cancellation and the error shapes. A cmdlet says what it sends and how
    /// its answer reads; one whose work takes several calls overrides <see cref="Execute"/>.
    /// </summary>
    public abstract class ServiceOperationCmdlet : CommonArgumentsCmdlet
    {
        private CancellationTokenSource _stopping;
        /// <summary>Whether the Verbose line about an installed SDK that would not load was written (once per session).</summary>
        private static int _fallbackReported;
        private ICmdletHistory _history;
        private readonly Dictionary<string, Resolution> _resolutions = new Dictionary<string, Resolution>();
        /// <summary>The environment as the pipeline started: read once, not per record.</summary>
        private Dictionary<string, string> _environment;
        /// <summary>The last record's connection, reused while the records bind the same connection parameters.</summary>
        private Connection _connection;
        /// <summary>A pipeline whose records bind this many different connections is rare; past it, start over.</summary>
        private const int MaxResolutions = 16;

        /// <summary>The AWS operation the cmdlet is named for (the first it calls, where it makes several).</summary>
        private protected abstract ServiceCall Operation { get; }
        private string OperationName => Operation.Name;
        /// <summary>The operation's input, the AWS.Tools way (spec §1.5): only the members given.</summary>
        private protected abstract IContractWriter BuildInput();
        /// <summary>What the request carries beside the input (client secret, device, ...); none by default.</summary>
        private protected virtual EnvelopeExtras Extras() => null;
        /// <summary>AWS.Tools' ShouldProcess target; null for a cmdlet without ShouldProcess.</summary>
        private protected virtual string ShouldProcessTarget => null;
        /// <summary>-Force, where the cmdlet has it.</summary>
        private protected virtual bool ForceRequested => false;
        /// <summary>What of the response is output; null for nothing. The whole response by default.</summary>
        private protected virtual Selector OutputSelector() => Selector.Whole;
        /// <summary>The parameters AWS.Tools marks mandatory yet lets be $null.</summary>
        private protected abstract IEnumerable<string> MandatoryParameters { get; }

        protected override void BeginProcessing()
        {
            _stopping = new CancellationTokenSource();
            _environment = ScriptEnvironment.Capture();
            if (SessionAssemblies.Current.Fallback is string fallback && Interlocked.Exchange(ref _fallbackReported, 1) == 0) WriteVerbose(fallback);
            _history = CmdletHistory.Start(MyInvocation.MyCommand.Name, SessionState);
        }

        protected override void StopProcessing() => _stopping?.Cancel();

        protected override void EndProcessing()
        {
            CommitHistory();
            _stopping?.Dispose();
        }

        protected override void ProcessRecord()
        {
            WarnAboutNullMandatoryParameters();
            var connection = Connect();
            foreach (var message in connection.DebugMessages) WriteDebug(message);

            if (ShouldProcessTarget is string target && (!ForceRequested || MyInvocation.BoundParameters.ContainsKey("WhatIf")))
            {
                if (!ShouldProcess(target, $"{MyInvocation.MyCommand.Name} ({OperationName})")) return;
            }

            var selector = OutputSelector();
            var response = Execute(connection.Settings);
            if (selector == null) return;
            foreach (var item in selector.Apply(response, this))
            {
                WriteObject(item, enumerateCollection: !(item is IDictionary));
                _history.CountEmitted();
            }
        }

        /// <summary>The cmdlet's work for one record: by default its one operation, answered in the session's response type.</summary>
        private protected virtual object Execute(ClientSettings settings) => Call(settings, Operation, OrInvalidCast(BuildInput), OrInvalidCast(Extras));

        /// <summary>
        /// One service call, recorded in history (request and response, redacted unless asked otherwise); a failure
        /// ends the pipeline with AWS.Tools' error shape.
        /// </summary>
        private protected object Call(ClientSettings settings, ServiceCall operation, IContractWriter input, EnvelopeExtras extras)
        {
            WriteVerbose($"Invoking Amazon Cognito Identity Provider operation '{operation.Name}' {_connection.Target}");
            if (_history.RecordServiceRequests)
                _history.AddRequest(Redaction.Request(operation.Name, input, _history.IncludeSensitiveData));
            try
            {
                var request = NativeRequest.Create(operation.Name, settings, input, extras?.ClientSecret, extras?.Device, extras?.ChallengeParameters, extras?.TotpSecret);
                var (response, forHistory) = operation.Invoke(request, _stopping.Token, _history.IncludeSensitiveData);
                _history.AddResponse(forHistory);
                return response;
            }
            catch (NativeCallException e)
            {
                var typed = e.ToTypedException(operation.Name);
                _history.AddResponse(typed);
                CommitHistory();
                throw Terminate(typed);
            }
        }

        /// <summary>
        /// The credentials, region and endpoint for this record: resolved for the first record and again only when a
        /// record binds other connection parameters (the shell variables and the environment are those of the
        /// pipeline's start).
        /// </summary>
        private Connection Connect()
        {
            var arguments = ConnectionArguments();
            if (_connection != null && _connection.Arguments.SameAs(arguments)) return _connection;
            var resolver = new ConnectionResolver(arguments, SessionState, _environment);
            try
            {
                var settings = resolver.Resolve(ResolveConnection);
                return _connection = new Connection(arguments, settings, resolver.Target, resolver.DebugMessages);
            }
            catch (InvalidOperationException e)
            {
                ThrowTerminatingError(ExecutionError(e));
                return null; // not reached: ThrowTerminatingError always throws
            }
        }

        private sealed class Connection
        {
            public Connection(ConnectionArguments arguments, ClientSettings settings, string target, List<string> debugMessages)
            {
                Arguments = arguments; Settings = settings; Target = target; DebugMessages = debugMessages;
            }

            public ConnectionArguments Arguments { get; }
            public ClientSettings Settings { get; }
            public string Target { get; }
            public List<string> DebugMessages { get; }
        }

        /// <summary>AWS.Tools' "execution error" shape (no credentials, no region): id InvalidOperationException, no inner.</summary>
        private ErrorRecord ExecutionError(InvalidOperationException e)
        {
            var record = new ErrorRecord(e, "InvalidOperationException", ErrorCategory.InvalidOperation, this);
            if (e.Data[StringMaps.RecommendedActionKey] is string detail)
                record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = detail };
            return record;
        }

        /// <summary>
        /// The native steps of the chains, once per pipeline for each distinct input (records that bind other
        /// credential or region parameters get their own): profile files are read, and the tail probed, once.
        /// </summary>
        private Resolution ResolveConnection(ClientSettings settings)
        {
            const string operation = NativeNames.Operation.ResolveConnection;
            var request = NativeRequest.Create(operation, settings, null);
            string key;
            using (var sha = System.Security.Cryptography.SHA256.Create()) key = Convert.ToBase64String(sha.ComputeHash(request));
            if (_resolutions.TryGetValue(key, out var known))
            {
                // The envelope holds -SecretKey and -SessionToken; NativeCore.Invoke wipes it on every other path.
                Array.Clear(request, 0, request.Length);
                return known;
            }
            try
            {
                var resolution = NativeCore.Invoke(request, _stopping.Token, Resolution.Read);
                if (_resolutions.Count >= MaxResolutions) _resolutions.Clear();
                return _resolutions[key] = resolution;
            }
            catch (NativeCallException e) when (e.ToTypedException(operation) is InvalidOperationException failed) { throw failed; }
            catch (NativeCallException e) { throw Terminate(e.ToTypedException(operation)); }
        }

        /// <summary>A hashtable parameter with a value that is not a string ends the call before anything is sent.</summary>
        private protected T OrInvalidCast<T>(Func<T> build)
        {
            try { return build(); }
            catch (InvalidCastException e)
            {
                var record = new ErrorRecord(e, typeof(InvalidCastException).FullName, ErrorCategory.InvalidArgument, null);
                record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.Data[StringMaps.RecommendedActionKey] as string };
                ThrowTerminatingError(record);
                return default; // not reached: ThrowTerminatingError always throws
            }
        }

        private void CommitHistory()
        {
            _history?.Commit();
            _history = null;
        }

        private void WarnAboutNullMandatoryParameters()
        {
            // AWS.Tools marks these mandatory yet lets them be $null (the service then refuses the request).
            foreach (var name in MandatoryParameters)
                if (MyInvocation.BoundParameters.TryGetValue(name, out var v) && v == null)
                    WriteWarning($"You are passing $null as a value for parameter {name} which is marked as required. " +
                                 "In case you believe this parameter was incorrectly marked as required, report this by opening an issue at " +
                                 "https://github.com/aws/aws-tools-for-powershell/issues.");
        }

        /// <summary>
        /// AWS.Tools' error shape: InvalidOperationException carrying the service message, the typed exception
        /// inside, error id = the inner type's full name, category InvalidOperation. A cancelled call ends the
        /// pipeline the way PowerShell expects after Ctrl+C.
        /// </summary>
        private Exception Terminate(Exception inner)
        {
            if (inner is OperationCanceledException && _stopping.IsCancellationRequested)
                return new PipelineStoppedException();
            var record = inner.GetType() == typeof(InvalidOperationException)
                ? ExecutionError((InvalidOperationException)inner)
                : new ErrorRecord(new InvalidOperationException(inner.Message, inner), inner.GetType().FullName, ErrorCategory.InvalidOperation, this);
            ThrowTerminatingError(record);
            return null; // not reached: ThrowTerminatingError always throws
        }
    }
}
