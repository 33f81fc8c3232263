using System;
using System.Management.Automation;

namespace CognitoAdminAuth.History
{
    /// <summary>Where one cmdlet invocation's service calls are recorded: the module's $AWSHistory or AWS.Tools V4's.</summary>
    internal interface ICmdletHistory
    {
        bool RecordServiceRequests { get; }
        bool IncludeSensitiveData { get; }
        void AddRequest(PSObject request);
        void AddResponse(object responseOrError);
        void CountEmitted();
        /// <summary>Ends the invocation's entry and adds it to the buffer.</summary>
        void Commit();
    }

    /// <summary>
    /// Chooses, per pipeline, the history the session shows as $AWSHistory: AWS.Tools V4's when AWS.Tools.Common
    /// owns it (or is installed and would), so that one history shows both modules' calls and AWS.Tools' own
    /// commands keep their meaning; the module's own otherwise, as V4 shapes it. $AWSHistory is set, as V4 sets it,
    /// only when nobody has.
    /// </summary>
    internal static class CmdletHistory
    {
        private const string Variable = "global:AWSHistory";

        public static ICmdletHistory Start(string cmdletName, SessionState session)
        {
            var shown = session.PSVariable.GetValue(Variable);
            var buffer = shown is PSObject ps ? ps.BaseObject : shown;
            if (buffer is AWSCmdletHistoryBuffer) return new ModuleHistory(cmdletName);
            var awsTools = AwsToolsHistory.For(buffer) ?? (buffer == null ? AwsToolsHistory.Installed() : null);
            if (awsTools != null)
            {
                if (buffer == null) session.PSVariable.Set(Variable, new PSObject(awsTools.Buffer));
                return awsTools.Start(cmdletName);
            }
            if (buffer == null) session.PSVariable.Set(Variable, AWSCmdletHistoryBuffer.Instance);
            return new ModuleHistory(cmdletName);
        }

        private sealed class ModuleHistory : ICmdletHistory
        {
            private readonly AWSCmdletHistory _entry;
            private static AWSCmdletHistoryBuffer Buffer => AWSCmdletHistoryBuffer.Instance;

            public ModuleHistory(string cmdletName) { _entry = new AWSCmdletHistory(cmdletName); }

            public bool RecordServiceRequests => Buffer.RecordServiceRequests;
            public bool IncludeSensitiveData => Buffer.IncludeSensitiveData;
            public void AddRequest(PSObject request) => _entry.AddRequest(request, Buffer.MaxServiceCallHistory);
            public void AddResponse(object responseOrError) => _entry.AddResponse(responseOrError, Buffer.MaxServiceCallHistory);
            public void CountEmitted() => _entry.EmittedObjectsCount++;

            public void Commit()
            {
                _entry.CmdletEnd = DateTime.Now;
                Buffer.Commit(_entry);
            }
        }
    }
}
