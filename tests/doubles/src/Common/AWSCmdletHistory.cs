// TEST DOUBLE of AWS.Tools V4's $AWSHistory machinery (AWS.Tools.Common 4.x, Amazon.PowerShell.Common).
// Type and member names and their visibilities are those of aws-tools-for-powershell's
// modules/AWSPowerShell/Common/AWSCmdletHistory.cs, so that code reaching these members by reflection (as a module
// coexisting with AWS.Tools V4 does to record into $AWSHistory) meets the same surface. The bodies are this
// double's own, written to behave the same: a fixed-size buffer of cmdlet entries, each holding fixed-size
// buffers of PSObject-wrapped requests and responses with a LoggedAt note property.
// IncludeSensitiveData is named as BaseCmdlets.cs (4.1.x) reads it; the double only stores it: the redaction
// of [AWSProperty(Sensitive=true)] members that 4.1.x applies before recording is not reproduced (the double's
// request and error hold nothing sensitive). Save(fileName), a no-op in AWS.Tools, is left out.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Amazon.Runtime;

namespace Amazon.PowerShell.Common
{
    /// <summary>Execution history of AWS cmdlets, exposed as the $AWSHistory session variable.</summary>
    public class AWSCmdletHistoryBuffer
    {
        const int DefaultHistoryLength = 5;
        const int DefaultServiceCallHistoryLength = 5;

        static readonly object SyncLock = new object();
        static AWSCmdletHistoryBuffer _instance;

        // One per process, as in AWS.Tools: every runspace's $AWSHistory wraps this same object.
        internal static AWSCmdletHistoryBuffer Instance
        {
            get { lock (SyncLock) return _instance ?? (_instance = new AWSCmdletHistoryBuffer()); }
        }

        HistoryBuffer<AWSCmdletHistory> _history = new HistoryBuffer<AWSCmdletHistory>(DefaultHistoryLength);
        int _historyLength = DefaultHistoryLength;
        int _serviceCallHistoryLength = DefaultServiceCallHistoryLength;
        bool _recordServiceRequests;
        bool _includeSensitiveData;

        private AWSCmdletHistoryBuffer() { }

        private HistoryBuffer<AWSCmdletHistory> History
        {
            get { lock (SyncLock) return _history; }
        }

        private bool RecordingEnabled
        {
            get { lock (SyncLock) return _historyLength != 0; }
        }

        internal AWSCmdletHistory StartCmdletHistory(string cmdletName)
        {
            return new AWSCmdletHistory(cmdletName);
        }

        /// <summary>0 disables recording and clears the buffer; a smaller size keeps the newest entries.</summary>
        internal int MaxHistoryLength
        {
            get { lock (SyncLock) return _historyLength; }
            set
            {
                lock (SyncLock)
                {
                    if (value == _historyLength) return;
                    if (value == 0)
                        _history.Clear();
                    else
                        _history = new HistoryBuffer<AWSCmdletHistory>(value, _history);
                    _historyLength = value;
                }
            }
        }

        internal int ServiceCallHistoryLength
        {
            get { lock (SyncLock) return _serviceCallHistoryLength; }
            set
            {
                if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value));
                lock (SyncLock) _serviceCallHistoryLength = value;
            }
        }

        internal bool RecordServiceRequests
        {
            get { lock (SyncLock) return _recordServiceRequests; }
            set { lock (SyncLock) _recordServiceRequests = value; }
        }

        // Set-AWSHistoryConfiguration -IncludeSensitiveData (AWS.Tools 4.1.x): record sensitive members unredacted.
        internal bool IncludeSensitiveData
        {
            get { lock (SyncLock) return _includeSensitiveData; }
            set { lock (SyncLock) _includeSensitiveData = value; }
        }

        internal void PushCmdletHistory(AWSCmdletHistory cmdletHistory)
        {
            if (!RecordingEnabled) return;
            cmdletHistory.CmdletEnd = DateTime.Now;
            lock (SyncLock) _history.Add(cmdletHistory);
        }

        internal void Clear()
        {
            lock (SyncLock) _history.Clear();
        }

        public AWSCmdletHistory this[int index]
        {
            get
            {
                if (!RecordingEnabled) return null;
                if (index < 0 || index >= MaxHistoryLength) throw new ArgumentOutOfRangeException(nameof(index));
                lock (SyncLock) return _history.ElementAt(index);
            }
        }

        /// <summary>The recorded cmdlet entries, oldest first.</summary>
        public IEnumerable<AWSCmdletHistory> Commands
        {
            get { return History.History; }
        }

        public AWSCmdletHistory LastCommand
        {
            get { lock (SyncLock) return _history.Last; }
        }

        public object LastServiceResponse
        {
            get { return LastCommand?.LastServiceResponse; }
        }

        public object LastServiceRequest
        {
            get { return LastCommand?.LastServiceRequest; }
        }

        public override string ToString()
        {
            if (!RecordingEnabled) return "AWS History Disabled";
            var last = LastCommand;
            // The double space after "last" is AWS.Tools' own.
            return string.Format("{0} command(s) recorded{1}.", History.Count, last != null ? ", last  = " + last : "");
        }
    }

    /// <summary>One AWS cmdlet invocation: its name, start and end, and the service requests and responses it made.</summary>
    public class AWSCmdletHistory
    {
        readonly object _syncLock = new object();

        public string CmdletName { get; private set; }
        public DateTime CmdletStart { get; private set; }
        public DateTime CmdletEnd { get; internal set; }
        public int EmittedObjectsCount { get; internal set; }
        public HistoryBuffer<PSObject> Requests { get; private set; }
        public HistoryBuffer<PSObject> Responses { get; private set; }

        private AWSCmdletHistory() { }

        internal AWSCmdletHistory(string cmdletName)
        {
            CmdletName = cmdletName;
            var length = AWSCmdletHistoryBuffer.Instance.ServiceCallHistoryLength;
            Requests = new HistoryBuffer<PSObject>(length);
            Responses = new HistoryBuffer<PSObject>(length);
            CmdletStart = CmdletEnd = DateTime.Now;
        }

        /// <summary>The index-th service call as an object with Request and Response note properties.</summary>
        public PSObject this[int index]
        {
            get
            {
                if (index < 0 || index >= AWSCmdletHistoryBuffer.Instance.ServiceCallHistoryLength)
                    throw new ArgumentOutOfRangeException(nameof(index));
                lock (_syncLock)
                {
                    var call = new PSObject();
                    call.Properties.Add(new PSNoteProperty("Request", Requests.Count != 0 ? new PSObject(Requests.ElementAt(index)) : null));
                    call.Properties.Add(new PSNoteProperty("Response", Responses.Count != 0 ? new PSObject(Responses.ElementAt(index)) : null));
                    return call;
                }
            }
        }

        public PSObject LastServiceResponse
        {
            get { lock (_syncLock) return Responses.Last; }
        }

        public PSObject LastServiceRequest
        {
            get { lock (_syncLock) return Requests.Last; }
        }

        public override string ToString()
        {
            return CmdletName;
        }

        /// <summary>Records a request (only when Set-AWSHistoryConfiguration -RecordServiceRequests is on).</summary>
        internal void PushServiceRequest(AmazonWebServiceRequest request, InvocationInfo invocationInfo)
        {
            if (!AWSCmdletHistoryBuffer.Instance.RecordServiceRequests) return;
            var entry = new PSObject(request);
            if (invocationInfo != null)
                entry.Properties.Add(new PSNoteProperty("InvocationLine", invocationInfo.Line));
            entry.Properties.Add(new PSNoteProperty("LoggedAt", DateTime.Now));
            lock (_syncLock) Requests.Add(entry);
        }

        internal void PushServiceRequest(AmazonWebServiceRequest request, Dictionary<string, object> noteProperties)
        {
            if (!AWSCmdletHistoryBuffer.Instance.RecordServiceRequests) return;
            var entry = new PSObject(request);
            AddNotes(entry, noteProperties);
            entry.Properties.Add(new PSNoteProperty("LoggedAt", DateTime.Now));
            lock (_syncLock) Requests.Add(entry);
        }

        /// <summary>Records a response, or the exception a failed call gave.</summary>
        internal void PushServiceResponse(object responseOrError)
        {
            PushServiceResponse(responseOrError, null);
        }

        internal void PushServiceResponse(object responseOrError, Dictionary<string, object> noteProperties)
        {
            if (responseOrError == null && (noteProperties == null || noteProperties.Count == 0)) return;
            var entry = responseOrError != null ? new PSObject(responseOrError) : new PSObject();
            AddNotes(entry, noteProperties);
            entry.Properties.Add(new PSNoteProperty("LoggedAt", DateTime.Now));
            lock (_syncLock) Responses.Add(entry);
        }

        static void AddNotes(PSObject entry, Dictionary<string, object> noteProperties)
        {
            if (noteProperties == null) return;
            foreach (var note in noteProperties)
                entry.Properties.Add(new PSNoteProperty(note.Key, note.Value));
        }
    }

    /// <summary>A fixed-size FIFO: adding to a full buffer drops the oldest item.</summary>
    public class HistoryBuffer<T>
    {
        readonly Queue<T> _queue;
        readonly int _maxLength;

        public HistoryBuffer(int maxLength)
        {
            _queue = new Queue<T>(maxLength);
            _maxLength = maxLength;
        }

        /// <summary>A resized copy keeping the newest items of currentBuffer.</summary>
        public HistoryBuffer(int maxLength, HistoryBuffer<T> currentBuffer) : this(maxLength)
        {
            foreach (var item in currentBuffer._queue.Skip(Math.Max(0, currentBuffer.Count - maxLength)))
                _queue.Enqueue(item);
        }

        public IEnumerable<T> History
        {
            get { return _queue; }
        }

        public int Count
        {
            get { return _queue.Count; }
        }

        public T Last
        {
            get { return _queue.LastOrDefault(); }
        }

        public T this[int index]
        {
            get { return ElementAt(index); }
        }

        public void Add(T obj)
        {
            if (_queue.Count == _maxLength) _queue.Dequeue();
            _queue.Enqueue(obj);
        }

        public T Read()
        {
            return _queue.Dequeue();
        }

        public void Clear()
        {
            _queue.Clear();
        }

        public T ElementAt(int index)
        {
            return _queue.ElementAtOrDefault(index);
        }
    }
}
