using System.Net;
using System.Net.Sockets;
using Amqp;
using Amqp.Framing;
using Amqp.Handler;
using Amqp.Listener;
using Amqp.Sasl;
using Amqp.Types;

namespace Lyra.Testing.Azure;

/// <summary>
/// A loopback Service Bus the real <c>ServiceBusClient</c> publishes to (AMQP 1.0 over TCP, as the client speaks to the
/// emulator with <c>UseDevelopmentEmulator=true</c>): the <c>MSSBCBS</c> SASL mechanism, the <c>$cbs</c> node accepting
/// every put-token (202), <c>max-message-size</c> on every attach, and one topic that keeps what it receives, with
/// duplicate detection as the Bicep's topic has it (a message id seen before is accepted and dropped, and counted).
/// <see cref="Stop"/> and <see cref="Open"/> take it down and up on the same port (an outage).
/// </summary>
public sealed class FakeServiceBusServer : IDisposable
{
    private readonly List<Message> _received = [];
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private readonly string _topic;
    private readonly int _port;
    private ContainerHost? _host;

    private FakeServiceBusServer(string topic, int port)
    {
        _topic = topic;
        _port = port;
    }

    /// <summary>Connection string for the client (shared-key values are ignored by the fake).</summary>
    public string ConnectionString => $"Endpoint=sb://127.0.0.1:{_port};SharedAccessKeyName=fake;SharedAccessKey=fake;UseDevelopmentEmulator=true";

    /// <summary>Messages the topic accepted, in order.</summary>
    public IReadOnlyList<Message> Received
    {
        get
        {
            lock (_received) return [.. _received];
        }
    }

    /// <summary>Messages dropped by duplicate detection (their id was seen before).</summary>
    public int Duplicates { get; private set; }

    /// <summary>Starts a fake with one topic on a free loopback port.</summary>
    public static FakeServiceBusServer Start(string topic)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var s = new FakeServiceBusServer(topic, port);
        s.Open();
        return s;
    }

    /// <summary>(Re)opens the listener on the same port.</summary>
    public void Open()
    {
        var host = new ContainerHost(new Address($"amqp://127.0.0.1:{_port}"));
        host.Listeners[0].SASL.EnableMechanism(new Symbol("MSSBCBS"), new CbsSasl());
        host.Listeners[0].HandlerFactory = _ => new MaxMessageSize();
        host.RegisterRequestProcessor("$cbs", new Cbs());
        host.RegisterMessageProcessor("/" + _topic, new Topic(this));
        host.Open();
        _host = host;
    }

    /// <summary>Closes the listener and its connections (Service Bus unreachable).</summary>
    public void Stop()
    {
        _host?.Close();
        _host = null;
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    // The client authenticates with the CBS mechanism and sends no SASL payload worth checking.
    private sealed class CbsSasl() : SaslProfile(new Symbol("MSSBCBS"))
    {
        protected override ITransport UpgradeTransport(ITransport transport) => transport;

        protected override DescribedList GetStartCommand(string hostname) => null!;

        protected override DescribedList OnCommand(DescribedList command) => new SaslOutcome { Code = SaslCode.Ok };
    }

    // The client refuses a link whose attach does not say how large a message may be.
    private sealed class MaxMessageSize : IHandler
    {
        public bool CanHandle(EventId id) => id == EventId.LinkLocalOpen;

        public void Handle(Event protocolEvent)
        {
            if (protocolEvent.Context is Attach attach) attach.MaxMessageSize = 1024 * 1024;
        }
    }

    private sealed class Cbs : IRequestProcessor
    {
        public int Credit => 100;

        public void Process(RequestContext requestContext) =>
            requestContext.Complete(new Message { ApplicationProperties = new ApplicationProperties { ["status-code"] = 202, ["status-description"] = "Accepted" } });
    }

    private sealed class Topic(FakeServiceBusServer owner) : IMessageProcessor
    {
        public int Credit => 100;

        public void Process(MessageContext messageContext)
        {
            lock (owner._received)
            {
                if (messageContext.Message.Properties?.MessageId is { } id && !owner._seenIds.Add(id)) owner.Duplicates++;
                else owner._received.Add(messageContext.Message);
            }

            messageContext.Complete();
        }
    }
}
