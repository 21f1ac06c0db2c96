package com.airops.test;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The function prototypes of a C header: name and arity, for the declaration check (S19). */
final class HeaderPrototypes {
    // A return type, the function's name, its parameter list without nested parentheses, and
    // ";": matches prototypes only, not typedefs of function pointers ("(*name)(...)").
    private static final Pattern PROTOTYPE = Pattern.compile("[\\w*\\s]+?\\b(airops_\\w+)\\s*\\(([^()]*)\\)\\s*;");

    private HeaderPrototypes() {
    }

    /** The name and arity of every {@code airops_} function that {@code header} declares. */
    static Map<String, Integer> parse(String header) {
        String code = header.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")
                .replaceAll("(?m)^\\s*#.*$", " ");
        Map<String, Integer> functions = new TreeMap<>();
        Matcher matcher = PROTOTYPE.matcher(code);
        while (matcher.find()) {
            String parameters = matcher.group(2).trim();
            int arity = parameters.isEmpty() || parameters.equals("void") ? 0 : parameters.split(",").length;
            functions.put(matcher.group(1), arity);
        }
        return functions;
    }
}
