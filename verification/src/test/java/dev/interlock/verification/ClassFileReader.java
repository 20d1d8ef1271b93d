/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal class-file reader: it reads a class file's constant pool, and nothing after the name
 * of the class, to find every class the class refers to.
 *
 * <p>Every class a class file uses is named in its constant pool (JVMS §4.4), in one of two ways:
 * <ul>
 *   <li>a {@code CONSTANT_Class} entry, whose name is an internal name such as
 *       {@code java/util/concurrent/atomic/AtomicLong} (the class of a {@code new}, a cast, a
 *       method call's owner, a superclass, an interface, an exception handler), or an array
 *       descriptor such as {@code [Ljava/lang/Object;};</li>
 *   <li>a type descriptor or a generic signature in a {@code CONSTANT_Utf8} entry, such as the
 *       field descriptor {@code Ljava/util/concurrent/BlockingQueue;}, the method descriptor
 *       {@code (JLjava/util/concurrent/TimeUnit;)Z} or the signature
 *       {@code Ljava/util/Map<Ljava/lang/String;Ljava/lang/Long;>;}. Annotation types, local
 *       variable types and the types of invokedynamic call sites appear this way too. In both
 *       forms a class name is written {@code L<internal name>;}, or {@code L<internal name><} when
 *       type arguments follow, so a regular expression finds them.</li>
 * </ul>
 * The regular expression runs over every {@code CONSTANT_Utf8} entry, including those that are
 * string literals; a literal that happens to look like a descriptor adds a name, which can only
 * make the checks stricter.
 *
 * <p>The reader knows every constant-pool tag defined up to Java 25 (class-file version 69). An
 * unknown tag makes it fail rather than guess, since entries have different lengths and one wrong
 * length would misread the rest of the pool.
 */
final class ClassFileReader {

    /** What the reader extracts from one class file. */
    record ClassFileInfo(String className, Set<String> referencedClasses) {
    }

    /** Every class file starts with these four bytes. */
    private static final int MAGIC = 0xCAFEBABE;

    // Constant-pool tags (JVMS §4.4, Table 4.4-B), with the Java version that introduced each.
    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_INTEGER = 3;
    private static final int CONSTANT_FLOAT = 4;
    private static final int CONSTANT_LONG = 5;
    private static final int CONSTANT_DOUBLE = 6;
    private static final int CONSTANT_CLASS = 7;
    private static final int CONSTANT_STRING = 8;
    private static final int CONSTANT_FIELDREF = 9;
    private static final int CONSTANT_METHODREF = 10;
    private static final int CONSTANT_INTERFACE_METHODREF = 11;
    private static final int CONSTANT_NAME_AND_TYPE = 12;
    private static final int CONSTANT_METHOD_HANDLE = 15; // Java 7
    private static final int CONSTANT_METHOD_TYPE = 16; // Java 7
    private static final int CONSTANT_DYNAMIC = 17; // Java 11
    private static final int CONSTANT_INVOKE_DYNAMIC = 18; // Java 7
    private static final int CONSTANT_MODULE = 19; // Java 9, only in module-info.class
    private static final int CONSTANT_PACKAGE = 20; // Java 9, only in module-info.class

    /**
     * A class name inside a descriptor or signature: {@code L}, then identifiers separated by
     * {@code /}, then {@code ;} (end of the type) or {@code <} (type arguments follow).
     */
    private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile(
            "L(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(?:/\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*)[;<]");

    private ClassFileReader() {
    }

    /**
     * Reads a class file.
     *
     * @param classFile the {@code .class} file
     * @return the class's binary name (such as {@code dev.interlock.counters.StripedCounter$Cell})
     *         and the binary names of all classes it refers to, sorted; arrays are reduced to their
     *         element class, primitive types are left out
     * @throws IOException if the file cannot be read or is not a class file this reader knows
     */
    static ClassFileInfo read(Path classFile) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(classFile))) {
            return read(new DataInputStream(in), classFile.toString());
        }
    }

    private static ClassFileInfo read(DataInputStream in, String source) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(source + " is not a class file (wrong magic number)");
        }
        int minorVersion = in.readUnsignedShort();
        int majorVersion = in.readUnsignedShort();

        // The pool has constant_pool_count - 1 entries, numbered from 1. Index 0 is unused.
        int poolCount = in.readUnsignedShort();
        String[] utf8 = new String[poolCount]; // utf8[i]: the text of entry i if it is CONSTANT_Utf8
        int[] classNameIndex = new int[poolCount]; // for CONSTANT_Class entry i: its name's index
        List<Integer> classEntries = new ArrayList<>();

        for (int index = 1; index < poolCount; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case CONSTANT_UTF8 -> utf8[index] = in.readUTF(); // u2 length + modified UTF-8, as readUTF expects
                case CONSTANT_CLASS -> {
                    classNameIndex[index] = in.readUnsignedShort(); // u2 name_index
                    classEntries.add(index);
                }
                case CONSTANT_INTEGER, CONSTANT_FLOAT -> skip(in, 4); // u4 bytes
                case CONSTANT_LONG, CONSTANT_DOUBLE -> {
                    skip(in, 8); // u4 high_bytes, u4 low_bytes
                    index++; // JVMS §4.4.5: an 8-byte constant takes two pool slots; the second is unusable.
                }
                case CONSTANT_STRING, CONSTANT_METHOD_TYPE, CONSTANT_MODULE, CONSTANT_PACKAGE ->
                        skip(in, 2); // u2 index
                case CONSTANT_FIELDREF, CONSTANT_METHODREF, CONSTANT_INTERFACE_METHODREF,
                        CONSTANT_NAME_AND_TYPE, CONSTANT_DYNAMIC, CONSTANT_INVOKE_DYNAMIC ->
                        skip(in, 4); // two u2 indices
                case CONSTANT_METHOD_HANDLE -> skip(in, 3); // u1 reference_kind, u2 reference_index
                default -> throw new IOException(source + ": unknown constant-pool tag " + tag
                        + " at index " + index + " (class-file version " + majorVersion + "."
                        + minorVersion + "); this reader must learn it");
            }
        }

        in.readUnsignedShort(); // access_flags
        int thisClass = in.readUnsignedShort(); // this_class: a CONSTANT_Class entry
        String className = toBinaryName(utf8[classNameIndex[thisClass]]);

        Set<String> referenced = new TreeSet<>();
        for (int classEntry : classEntries) {
            String name = utf8[classNameIndex[classEntry]];
            if (!name.startsWith("[")) { // an array class's "name" is a descriptor: the Utf8 scan below reads it
                referenced.add(toBinaryName(name));
            }
        }
        for (String text : utf8) {
            if (text != null) {
                Matcher matcher = CLASS_IN_DESCRIPTOR.matcher(text);
                while (matcher.find()) {
                    referenced.add(toBinaryName(matcher.group(1)));
                }
            }
        }
        referenced.remove(className);
        return new ClassFileInfo(className, referenced);
    }

    /** Converts an internal name ({@code java/util/Map$Entry}) to a binary name ({@code java.util.Map$Entry}). */
    private static String toBinaryName(String internalName) {
        return internalName.replace('/', '.');
    }

    private static void skip(DataInputStream in, int bytes) throws IOException {
        in.skipNBytes(bytes);
    }
}
