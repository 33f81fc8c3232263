using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CognitoAdminAuth.History
{
    /// <summary>One cmdlet invocation in $AWSHistory: what it sent and received (sensitive members left out).</summary>
    public class AWSCmdletHistory
    {
        internal AWSCmdletHistory(string cmdletName) { CmdletName = cmdletName; CmdletStart = DateTime.Now; }

        public string CmdletName { get; }
        public DateTime CmdletStart { get; }
        public DateTime CmdletEnd { get; internal set; }
        public long EmittedObjectsCount { get; internal set; }
        public List<PSObject> Requests => _requests.Items;
        public List<PSObject> Responses => _responses.Items;

        private readonly Log _requests = new Log();
        private readonly Log _responses = new Log();

        public PSObject LastServiceRequest => Requests.LastOrDefault();
        public PSObject LastServiceResponse => Responses.LastOrDefault();

        /// <summary>The i-th service call of this invocation, as Request and Response.</summary>
        public PSObject this[int index]
        {
            get
            {
                var o = new PSObject();
                o.Properties.Add(new PSNoteProperty("Request", index < Requests.Count ? Requests[index] : null));
                o.Properties.Add(new PSNoteProperty("Response", index < Responses.Count ? Responses[index] : null));
                return o;
            }
        }

        internal void AddRequest(object value, int max) => _requests.Add(value, max);
        internal void AddResponse(object value, int max) => _responses.Add(value, max);

        /// <summary>
        /// Calls as logged, wrapped for PowerShell (with LoggedAt) only when someone reads them: most scripts never
        /// look at $AWSHistory, and the wrapping costs more than the rest of the bookkeeping of a call.
        /// </summary>
        private sealed class Log
        {
            private readonly List<PSObject> _items = new List<PSObject>();
            private readonly List<KeyValuePair<object, DateTime>> _pending = new List<KeyValuePair<object, DateTime>>();

            public void Add(object value, int max)
            {
                lock (this)
                {
                    _pending.Add(new KeyValuePair<object, DateTime>(value, DateTime.Now));
                    if (_items.Count + _pending.Count > max)
                    {
                        if (_items.Count > 0) _items.RemoveAt(0);
                        else _pending.RemoveAt(0);
                    }
                }
            }

            public List<PSObject> Items
            {
                get
                {
                    lock (this)
                    {
                        foreach (var entry in _pending)
                        {
                            var o = PSObject.AsPSObject(entry.Key);
                            o.Properties.Add(new PSNoteProperty("LoggedAt", entry.Value));
                            _items.Add(o);
                        }
                        _pending.Clear();
                        return _items;
                    }
                }
            }
        }

        public override string ToString() => CmdletName;
    }

    /// <summary>
    /// The module's own $AWSHistory, shaped as AWS.Tools V4's (the last few cmdlet invocations, newest last), for
    /// sessions where AWS.Tools.Common does not keep one (V5, or no AWS.Tools): where it does, the module records
    /// into that one instead (AwsToolsHistory).
    /// </summary>
    public class AWSCmdletHistoryBuffer
    {
        public static AWSCmdletHistoryBuffer Instance { get; } = new AWSCmdletHistoryBuffer();

        private readonly object _gate = new object();
        private readonly List<AWSCmdletHistory> _commands = new List<AWSCmdletHistory>();

        public int MaxCmdletHistory { get; internal set; } = 5;
        public int MaxServiceCallHistory { get; internal set; } = 5;
        public bool RecordServiceRequests { get; internal set; }
        public bool IncludeSensitiveData { get; internal set; }

        public IEnumerable<AWSCmdletHistory> Commands { get { lock (_gate) return _commands.ToList(); } }
        public AWSCmdletHistory LastCommand { get { lock (_gate) return _commands.LastOrDefault(); } }
        public PSObject LastServiceResponse => LastCommand?.LastServiceResponse;
        public PSObject LastServiceRequest => LastCommand?.LastServiceRequest;

        internal void Commit(AWSCmdletHistory entry)
        {
            lock (_gate)
            {
                if (MaxCmdletHistory <= 0) return;
                _commands.Add(entry);
                while (_commands.Count > MaxCmdletHistory) _commands.RemoveAt(0);
            }
        }

        public void Clear() { lock (_gate) _commands.Clear(); }

        internal void Configure(int? maxCmdlets, int? maxCalls, bool? recordRequests, bool? includeSensitive)
        {
            lock (_gate)
            {
                if (maxCmdlets.HasValue) MaxCmdletHistory = Math.Max(0, maxCmdlets.Value);
                if (maxCalls.HasValue) MaxServiceCallHistory = Math.Max(0, maxCalls.Value);
                if (recordRequests.HasValue) RecordServiceRequests = recordRequests.Value;
                if (includeSensitive.HasValue) IncludeSensitiveData = includeSensitive.Value;
                if (MaxCmdletHistory == 0) _commands.Clear();
                while (_commands.Count > MaxCmdletHistory) _commands.RemoveAt(0);
            }
        }

        public override string ToString()
        {
            lock (_gate) return $"{_commands.Count} command(s) recorded, last  = {_commands.LastOrDefault()?.CmdletName}.";
        }
    }
}
