package dev.shipmate.sandbox.aws.route53;

import dev.shipmate.sandbox.aws.AwsApi;
import dev.shipmate.sandbox.aws.AwsError;
import dev.shipmate.sandbox.aws.AwsRequest;
import dev.shipmate.sandbox.aws.AwsResponse;
import dev.shipmate.sandbox.aws.RequestIds;
import dev.shipmate.sandbox.aws.Xml;
import java.io.ByteArrayInputStream;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Route53's REST-XML protocol (API version 2013-04-01): the paths, query parameters and XML shapes
 * the SDK's {@code Route53Client} sends and parses, and Route53's {@code ErrorResponse} for errors
 * so that the SDK raises its typed exceptions.
 */
public final class Route53Api implements AwsApi {

  public static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";
  private static final String PREFIX = "/2013-04-01/";
  private static final int DEFAULT_MAX_RECORDS = 300;
  private static final int DEFAULT_MAX_ZONES = 100;

  private final SimulatedRoute53 route53;

  public Route53Api(SimulatedRoute53 route53) {
    this.route53 = route53;
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return request.path().startsWith(PREFIX);
  }

  @Override
  public AwsResponse handle(AwsRequest request) {
    String requestId = RequestIds.next();
    try {
      List<String> path = request.segments().subList(1, request.segments().size());
      String operation = operation(request.method(), path);
      route53.faults().check(operation);
      String body =
          switch (operation) {
            case "ListHostedZones" -> listHostedZones(request);
            case "GetHostedZone" -> getHostedZone(path.get(1));
            case "ListResourceRecordSets" -> listResourceRecordSets(path.get(1), request);
            case "ChangeResourceRecordSets" -> changeResourceRecordSets(path.get(1), request);
            case "GetChange" -> getChange(path.get(1));
            default ->
                throw new AwsError(
                    404, "UnknownOperationException", "Unknown operation " + request.path(), true);
          };
      return AwsResponse.xml(200, body).withHeader("x-amzn-RequestId", requestId);
    } catch (AwsError e) {
      return error(e, requestId);
    }
  }

  private static String operation(String method, List<String> path) {
    boolean get = "GET".equals(method);
    if (path.size() == 1 && path.get(0).equals("hostedzone") && get) {
      return "ListHostedZones";
    }
    if (path.size() == 2 && path.get(0).equals("hostedzone") && get) {
      return "GetHostedZone";
    }
    if (path.size() == 3 && path.get(0).equals("hostedzone") && path.get(2).equals("rrset")) {
      return get ? "ListResourceRecordSets" : "ChangeResourceRecordSets";
    }
    if (path.size() == 2 && path.get(0).equals("change") && get) {
      return "GetChange";
    }
    return "Unknown";
  }

  private String listHostedZones(AwsRequest request) {
    List<HostedZone> zones = route53.hostedZones();
    int max = request.query("maxitems").map(Integer::parseInt).orElse(DEFAULT_MAX_ZONES);
    int start = 0;
    String marker = request.query("marker").orElse(null);
    if (marker != null) {
      while (start < zones.size() && !zones.get(start).id().equals(marker)) {
        start++;
      }
    }
    int end = Math.min(zones.size(), start + max);
    Xml xml = Xml.document("ListHostedZonesResponse", NAMESPACE).start("HostedZones");
    for (HostedZone zone : zones.subList(start, end)) {
      hostedZone(xml, zone);
    }
    xml.end();
    xml.element("Marker", marker);
    xml.element("IsTruncated", end < zones.size());
    xml.element("NextMarker", end < zones.size() ? zones.get(end).id() : null);
    xml.element("MaxItems", max);
    return xml.toString();
  }

  private String getHostedZone(String zoneId) {
    HostedZone zone = route53.hostedZone(zoneId);
    Xml xml = Xml.document("GetHostedZoneResponse", NAMESPACE);
    hostedZone(xml, zone);
    xml.start("DelegationSet").start("NameServers");
    zone.nameServers().forEach(server -> xml.element("NameServer", server));
    return xml.toString();
  }

  private static void hostedZone(Xml xml, HostedZone zone) {
    xml.start("HostedZone")
        .element("Id", "/hostedzone/" + zone.id())
        .element("Name", zone.name())
        .element("CallerReference", zone.callerReference())
        .start("Config")
        .element("PrivateZone", zone.privateZone())
        .end()
        .element("ResourceRecordSetCount", zone.recordCount())
        .end();
  }

  private String listResourceRecordSets(String zoneId, AwsRequest request) {
    List<ResourceRecordSet> records = route53.records(zoneId);
    int max = request.query("maxitems").map(Integer::parseInt).orElse(DEFAULT_MAX_RECORDS);
    if (max < 1) {
      throw AwsError.badRequest("InvalidInput", "MaxItems must be at least 1; got " + max);
    }
    String startName = request.query("name").map(ResourceRecordSet::normalizeName).orElse(null);
    String startType = request.query("type").orElse(null);
    String startIdentifier = request.query("identifier").orElse(null);
    if (startType != null && startName == null) {
      throw AwsError.badRequest(
          "InvalidInput", "The input is not valid: StartRecordType requires StartRecordName");
    }
    int start = 0;
    if (startName != null) {
      RecordKey from = new RecordKey(startName, startType, startIdentifier);
      while (start < records.size() && records.get(start).key().compareTo(from) < 0) {
        start++;
      }
    }
    int end = Math.min(records.size(), start + max);
    Xml xml = Xml.document("ListResourceRecordSetsResponse", NAMESPACE).start("ResourceRecordSets");
    for (ResourceRecordSet record : records.subList(start, end)) {
      recordSet(xml, record);
    }
    xml.end();
    boolean truncated = end < records.size();
    xml.element("IsTruncated", truncated);
    if (truncated) {
      ResourceRecordSet next = records.get(end);
      xml.element("NextRecordName", next.name())
          .element("NextRecordType", next.type())
          .element("NextRecordIdentifier", next.setIdentifier());
    }
    xml.element("MaxItems", max);
    return xml.toString();
  }

  private static void recordSet(Xml xml, ResourceRecordSet record) {
    xml.start("ResourceRecordSet")
        .element("Name", record.name())
        .element("Type", record.type())
        .element("SetIdentifier", record.setIdentifier())
        .element("Weight", record.weight())
        .element("TTL", record.ttl())
        .start("ResourceRecords");
    for (String value : record.values()) {
      xml.start("ResourceRecord").element("Value", value).end();
    }
    xml.end().end();
  }

  private String changeResourceRecordSets(String zoneId, AwsRequest request) {
    Element batch = child(parse(request.body()).getDocumentElement(), "ChangeBatch");
    if (batch == null) {
      throw AwsError.badRequest("InvalidInput", "The request has no ChangeBatch");
    }
    List<Change> changes = new ArrayList<>();
    Element list = child(batch, "Changes");
    for (Element change : list == null ? List.<Element>of() : children(list, "Change")) {
      changes.add(change(change));
    }
    ChangeInfo info = route53.changeResourceRecordSets(zoneId, text(batch, "Comment"), changes);
    return changeInfo(Xml.document("ChangeResourceRecordSetsResponse", NAMESPACE), info);
  }

  private static Change change(Element change) {
    String action = text(change, "Action");
    Change.Action parsed;
    try {
      parsed = Change.Action.valueOf(action);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw AwsError.badRequest(
          "InvalidInput",
          "1 validation error detected: Value '"
              + action
              + "' at 'changeBatch.changes.member.action' failed to satisfy constraint: Member"
              + " must satisfy enum value set: [CREATE, UPSERT, DELETE]");
    }
    Element set = child(change, "ResourceRecordSet");
    if (set == null) {
      throw AwsError.badRequest("InvalidInput", "A Change has no ResourceRecordSet");
    }
    if (child(set, "AliasTarget") != null) {
      throw AwsError.badRequest(
          "InvalidInput", "The sandbox's Route53 does not simulate alias records");
    }
    List<String> values = new ArrayList<>();
    Element records = child(set, "ResourceRecords");
    if (records != null) {
      for (Element record : children(records, "ResourceRecord")) {
        values.add(text(record, "Value"));
      }
    }
    return new Change(
        parsed,
        new ResourceRecordSet(
            text(set, "Name"),
            text(set, "Type"),
            text(set, "SetIdentifier"),
            number(text(set, "Weight")),
            number(text(set, "TTL")),
            values));
  }

  private String getChange(String changeId) {
    return changeInfo(Xml.document("GetChangeResponse", NAMESPACE), route53.change(changeId));
  }

  private static String changeInfo(Xml xml, ChangeInfo info) {
    return xml.start("ChangeInfo")
        .element("Id", "/change/" + info.id())
        .element("Status", info.status())
        .element(
            "SubmittedAt",
            DateTimeFormatter.ISO_INSTANT.format(info.submittedAt().truncatedTo(ChronoUnit.MILLIS)))
        .element("Comment", info.comment())
        .end()
        .toString();
  }

  private static AwsResponse error(AwsError e, String requestId) {
    String body =
        Xml.document("ErrorResponse", NAMESPACE)
            .start("Error")
            .element("Type", e.type())
            .element("Code", e.code())
            .element("Message", e.getMessage())
            .end()
            .element("RequestId", requestId)
            .toString();
    return AwsResponse.xml(e.status(), body).withHeader("x-amzn-RequestId", requestId);
  }

  private static Document parse(byte[] body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    } catch (Exception e) {
      throw AwsError.badRequest("MalformedXML", "The XML you provided was not well-formed");
    }
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }

  private static Long number(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AwsError.badRequest("InvalidInput", "'" + text + "' is not a number");
    }
  }
}
