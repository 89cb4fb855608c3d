package org.hospital.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.context.SimpleWorkerContext;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.ConstraintSeverity;
import org.hl7.fhir.r4.model.ElementDefinition.ElementDefinitionConstraintComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Checks FHIR JSON against the R4 specification and the profiles a resource claims, with what the registry this
 * project builds from serves: HAPI's structures, parser and schema validator, and the R4 definitions
 * (hapi-fhir-validation-resources-r4). HAPI's {@code FhirInstanceValidator} (hapi-fhir-validation) is not served
 * there, so this does its core checks itself (docs/fhir.md, Validation):
 * <ol>
 *   <li>the strict parser: unknown elements, wrong JSON types, invalid primitive values, unknown codes of HAPI's
 *   enumerations;</li>
 *   <li>the R4 XML schema (fhir-single.xsd): structure, base cardinality, primitive formats;</li>
 *   <li>the StructureDefinitions (the resource's base definition, each data type's, and every profile in
 *   {@code meta.profile}, including the vital-signs profiles): every element's cardinality, allowed types, fixed and
 *   pattern values, slices' minimum counts, and every error-severity invariant, evaluated with the FHIRPath
 *   engine.</li>
 * </ol>
 * Invariants the offline engine cannot evaluate (those resolving references or checking terminology servers) are
 * reported as skipped, not as errors. Terminology bindings are not checked beyond HAPI's enumerations; the LOINC codes
 * and UCUM units are checked by the tests against their own table.
 */
final class FhirConformance {

    private static final String DEFINITIONS = "/org/hl7/fhir/r4/model/profile/";
    private static FhirConformance instance;

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final SimpleWorkerContext definitions;
    private final FHIRPathEngine fhirPath;
    private final FhirValidator schema;

    private FhirConformance() {
        try {
            Map<String, byte[]> files = new HashMap<>();
            for (String file : List.of("profiles-types.xml", "profiles-resources.xml", "profiles-others.xml")) {
                try (InputStream in = FhirConformance.class.getResourceAsStream(DEFINITIONS + file)) {
                    files.put(file, in.readAllBytes());
                }
            }
            definitions = SimpleWorkerContext.fromDefinitions(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fhirPath = new FHIRPathEngine(definitions);
        schema = fhir.newValidator();
        schema.setValidateAgainstStandardSchema(true);
        schema.setValidateAgainstStandardSchematron(false);
    }

    static synchronized FhirConformance instance() {
        if (instance == null) {
            instance = new FhirConformance();
        }
        return instance;
    }

    /** The outcome of checking one JSON document (a resource, or a Bundle and every resource in it). */
    record Report(List<String> errors, Set<String> skippedInvariants) {

        boolean valid() {
            return errors.isEmpty();
        }
    }

    Report check(String json) {
        List<String> errors = new ArrayList<>();
        Set<String> skipped = new LinkedHashSet<>();
        IParser strict = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        Resource resource;
        try {
            resource = (Resource) strict.parseResource(json);
        } catch (RuntimeException e) {
            errors.add("parser: " + e.getMessage());
            return new Report(errors, skipped);
        }
        ValidationResult schemaResult = schema.validateWithResult(resource);
        for (SingleValidationMessage message : schemaResult.getMessages()) {
            if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                errors.add("schema: " + message.getLocationString() + ": " + message.getMessage());
            }
        }
        checkResource(resource, errors, skipped);
        return new Report(errors, skipped);
    }

    private void checkResource(Resource resource, List<String> errors, Set<String> skipped) {
        String where = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        checkAgainst(definitions.fetchTypeDefinition(resource.fhirType()), resource, where, errors, skipped);
        for (var profile : resource.getMeta().getProfile()) {
            StructureDefinition definition = definitions.fetchResource(StructureDefinition.class,
                    profile.getValue());
            if (definition == null) {
                errors.add(where + ": profile " + profile.getValue() + " is not an R4 definition");
                continue;
            }
            checkAgainst(definition, resource, where + " (" + definition.getName() + ")", errors, skipped);
        }
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() != null) {
                    checkResource(entry.getResource(), errors, skipped);
                }
            }
        }
    }

    /** Every element definition of the snapshot, applied to every instance of its path in {@code root}. */
    private void checkAgainst(StructureDefinition definition, Base root, String where, List<String> errors,
                              Set<String> skipped) {
        String type = definition.getType();
        for (ElementDefinition element : definition.getSnapshot().getElement()) {
            String id = element.getId();
            if (id.contains(":")) {
                // Slices inside slices (component:SystolicBP.code.coding:SBPCode) are left to their outer slice,
                // whose discriminator already requires the same code.
                if (element.hasSliceName() && id.indexOf(':') == id.lastIndexOf(':')
                        && !id.substring(id.lastIndexOf(':')).contains(".")) {
                    checkSlice(definition, element, root, where, errors);
                }
                continue;
            }
            String path = element.getPath();
            List<Base> instances = instancesOf(root, type, path);
            for (ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
                if (constraint.getSeverity() != ConstraintSeverity.ERROR || !constraint.hasExpression()) {
                    continue;
                }
                for (Base instance : instances) {
                    try {
                        // Only a result of false breaks an invariant: an empty one (ref-1 on a reference that is an
                        // identifier alone) does not, as in the HL7 validator.
                        List<Base> result = fhirPath.evaluate(null, root, root, instance,
                                fhirPath.parse(constraint.getExpression()));
                        if (!result.isEmpty() && !fhirPath.convertToBoolean(result)) {
                            errors.add(where + ": " + path + " breaks " + constraint.getKey() + " ("
                                    + constraint.getHuman() + ")");
                        }
                    } catch (RuntimeException e) {
                        skipped.add(constraint.getKey());
                    }
                }
            }
            if (!path.contains(".")) {
                continue;
            }
            String parentPath = path.substring(0, path.lastIndexOf('.'));
            String name = path.substring(path.lastIndexOf('.') + 1);
            for (Base parent : instancesOf(root, type, parentPath)) {
                List<Base> values = children(parent, name);
                if (values.size() < element.getMin()) {
                    errors.add(where + ": " + path + " needs at least " + element.getMin() + ", has "
                            + values.size());
                }
                if (!element.getMax().equals("*") && values.size() > Integer.parseInt(element.getMax())) {
                    errors.add(where + ": " + path + " allows at most " + element.getMax());
                }
                for (Base value : values) {
                    checkValue(element, value, where + ": " + path, errors);
                }
            }
        }
        if (root instanceof Resource) {
            checkDataTypes(root, where, errors, skipped, 0);
        }
    }

    /** Complex data types inside the resource, against their own definitions (their invariants, their types). */
    private void checkDataTypes(Base base, String where, List<String> errors, Set<String> skipped, int depth) {
        if (depth > 12) {
            return;
        }
        for (Property property : base.children()) {
            for (Base value : property.getValues()) {
                if (value == null || value.isPrimitive() || value instanceof Resource) {
                    continue;
                }
                StructureDefinition dataType = definitions.fetchTypeDefinition(value.fhirType());
                if (dataType != null && dataType.getKind() == StructureDefinition.StructureDefinitionKind.COMPLEXTYPE
                        && !"BackboneElement".equals(value.fhirType())) {
                    checkAgainst(dataType, value, where + " " + property.getName(), errors, skipped);
                }
                checkDataTypes(value, where, errors, skipped, depth + 1);
            }
        }
    }

    /**
     * A slice (Observation.code.coding:HeartRateCode): at least {@code min} values are in the slice (they match its
     * discriminators, the fixed or pattern values at the sliced element's discriminator paths), and every value in
     * the slice meets the slice's own fixed and pattern values and required children.
     */
    private void checkSlice(StructureDefinition definition, ElementDefinition slice, Base root, String where,
                            List<String> errors) {
        String sliceId = slice.getId();
        String slicedId = sliceId.substring(0, sliceId.lastIndexOf(':'));
        ElementDefinition sliced = definition.getSnapshot().getElement().stream()
                .filter(e -> e.getId().equals(slicedId)).findFirst().orElse(null);
        if (sliced == null || !sliced.hasSlicing()) {
            return;
        }
        List<ElementDefinition> sliceChildren = definition.getSnapshot().getElement().stream()
                .filter(e -> e.getId().startsWith(sliceId + ".")).toList();
        String path = slice.getPath();
        String parentPath = path.substring(0, path.lastIndexOf('.'));
        String name = path.substring(path.lastIndexOf('.') + 1);
        for (Base parent : instancesOf(root, definition.getType(), parentPath)) {
            int matching = 0;
            for (Base value : children(parent, name)) {
                if (!inSlice(sliced, slice, sliceChildren, path, value)) {
                    continue;
                }
                matching++;
                for (ElementDefinition child : sliceChildren) {
                    String relative = child.getPath().substring(path.length() + 1);
                    String childName = relative.substring(relative.lastIndexOf('.') + 1);
                    List<Base> owners = relative.contains(".")
                            ? descendants(value, relative.substring(0, relative.lastIndexOf('.'))) : List.of(value);
                    for (Base owner : owners) {
                        List<Base> childValues = children(owner, childName);
                        if (childValues.size() < child.getMin() && !relative.contains(".")) {
                            errors.add(where + ": " + child.getPath() + " in slice " + slice.getSliceName()
                                    + " needs at least " + child.getMin());
                        }
                        for (Base childValue : childValues) {
                            checkValue(child, childValue, where + ": " + child.getId(), errors);
                        }
                    }
                }
            }
            if (matching < slice.getMin()) {
                errors.add(where + ": " + path + " needs " + slice.getMin() + " value(s) of slice "
                        + slice.getSliceName() + ", has " + matching);
            }
        }
    }

    private static boolean inSlice(ElementDefinition sliced, ElementDefinition slice,
                                   List<ElementDefinition> sliceChildren, String path, Base value) {
        for (var discriminator : sliced.getSlicing().getDiscriminator()) {
            String discriminatorPath = discriminator.getPath();
            if (discriminatorPath.equals("$this")) {
                Base expected = slice.hasFixed() ? slice.getFixed() : slice.hasPattern() ? slice.getPattern() : null;
                if (expected != null && !(slice.hasFixed() ? expected.equalsDeep(value)
                        : matchesPattern(expected, value))) {
                    return false;
                }
                continue;
            }
            ElementDefinition child = sliceChildren.stream()
                    .filter(c -> c.getPath().equals(path + "." + discriminatorPath)).findFirst().orElse(null);
            if (child == null || !(child.hasFixed() || child.hasPattern())) {
                continue;
            }
            Base expected = child.hasFixed() ? child.getFixed() : child.getPattern();
            boolean found = descendants(value, discriminatorPath).stream()
                    .anyMatch(v -> child.hasFixed() ? expected.equalsDeep(v) : matchesPattern(expected, v));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static void checkValue(ElementDefinition element, Base value, String where, List<String> errors) {
        if (element.hasType() && !element.getType().isEmpty()) {
            boolean allowed = element.getType().stream().anyMatch(t -> typeMatches(t.getWorkingCode(), value));
            if (!allowed) {
                errors.add(where + " may not be a " + value.fhirType());
            }
        }
        if (element.hasFixed() && !element.getFixed().equalsDeep(value)) {
            errors.add(where + " must be the fixed value " + display(element.getFixed()));
        }
        if (element.hasPattern() && !matchesPattern(element.getPattern(), value)) {
            errors.add(where + " must match the pattern " + display(element.getPattern()));
        }
    }

    private static boolean typeMatches(String code, Base value) {
        String actual = value.fhirType();
        if (code == null || code.equals(actual) || code.equals("Element") || code.equals("BackboneElement")
                || code.equals("Resource") || code.startsWith("http://hl7.org/fhirpath/")) {
            return true;
        }
        // Specialised primitives: R4 types Resource.id and Element.id as string, and code, id and markdown are strings,
        // url, canonical, oid and uuid are uris.
        return value instanceof PrimitiveType<?> && (code.equals("string")
                && Set.of("id", "code", "markdown").contains(actual)
                || code.equals("uri") && Set.of("url", "canonical", "oid", "uuid").contains(actual));
    }

    /** FHIR pattern semantics: every element the pattern has, the value has too (codings: one of them). */
    private static boolean matchesPattern(Base pattern, Base value) {
        if (pattern instanceof CodeableConcept expected && value instanceof CodeableConcept actual) {
            return expected.getCoding().stream().allMatch(c -> actual.getCoding().stream()
                    .anyMatch(a -> matchesPattern(c, a)));
        }
        if (pattern instanceof Coding expected && value instanceof Coding actual) {
            return (!expected.hasSystem() || expected.getSystem().equals(actual.getSystem()))
                    && (!expected.hasCode() || expected.getCode().equals(actual.getCode()));
        }
        if (pattern.isPrimitive() && value.isPrimitive()) {
            return pattern.primitiveValue().equals(value.primitiveValue());
        }
        return pattern.equalsDeep(value);
    }

    private List<Base> instancesOf(Base root, String type, String path) {
        if (path.equals(type)) {
            return List.of(root);
        }
        if (!path.startsWith(type + ".")) {
            return List.of();
        }
        return descendants(root, path.substring(type.length() + 1));
    }

    private static List<Base> descendants(Base base, String dottedPath) {
        List<Base> current = List.of(base);
        for (String step : dottedPath.split("\\.")) {
            List<Base> next = new ArrayList<>();
            for (Base value : current) {
                next.addAll(children(value, step));
            }
            current = next;
        }
        return current;
    }

    private static List<Base> children(Base base, String name) {
        Property property = base.getNamedProperty(name);
        if (property == null) {
            property = base.getChildByName(name);
        }
        if (property == null) {
            return List.of();
        }
        List<Base> values = new ArrayList<>();
        for (Base value : property.getValues()) {
            if (value != null && !value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    private static String display(Base value) {
        return value.isPrimitive() ? value.primitiveValue() : value.fhirType();
    }
}
