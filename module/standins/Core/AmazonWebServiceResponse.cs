using System.Collections.Generic;
using System.Net;

namespace Amazon.Runtime
{
    public class ResponseMetadata
    {
        public string RequestId { get; set; }
        public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();
    }

    /// <summary>
    /// Stand-in for AWSSDK.Core's: what every response carries besides its own members. Declared on the base
    /// class, so that -Select (which sees declared-only members of the concrete type) does not offer them.
    /// </summary>
    public class AmazonWebServiceResponse
    {
        public ResponseMetadata ResponseMetadata { get; set; }
        public long ContentLength { get; set; }
        public HttpStatusCode HttpStatusCode { get; set; }
    }
}
