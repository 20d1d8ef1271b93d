/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.charts;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the charts of {@code docs/benchmarks/} from the committed results, with XChart, as PNG (its
 * SVG writer draws each glyph as a path: about 280 kB a chart, ten times the PNG):
 * <pre>
 * ./mvnw -B -DskipTests package -pl benchmarks -am
 * java -cp benchmarks/target/interlock-benchmarks.jar dev.interlock.benchmarks.charts.BenchmarkCharts docs/benchmarks
 * </pre>
 * For each results directory ({@code docs/benchmarks/NAME/}) it writes {@code NAME/charts/*.png}:
 * <ul>
 *   <li>from JMH's JSON ({@code results-*.json}), one chart per benchmark method and setting of the
 *       parameters other than {@code implementation}: the score of each implementation at each thread
 *       count, with JMH's 99.9 % error as the error bar; and one of {@code gc.alloc.rate.norm} (B/op)
 *       when the run used {@code -prof gc};</li>
 *   <li>from {@code ScaleBenchmark}'s CSV files ({@code WORKLOAD.csv}), one chart per workload:
 *       operations per second against the thread count, both axes logarithmic, the mean over every
 *       round of every fork with its 99.9 % confidence interval; virtual threads are a series of
 *       their own, a single point, and the JDK peers are dashed.</li>
 * </ul>
 * Given {@code docs/benchmarks} itself, it draws every results directory under it. The pages link
 * the charts; docs/benchmarks/README.md says how.
 */
public final class BenchmarkCharts {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 460;

    /** Two-sided 99.9 % quantiles of Student's t by degrees of freedom, as JMH's and format-scale.py's. */
    private static final double[][] T_999 = {
        {1, 636.62}, {2, 31.599}, {3, 12.924}, {4, 8.610}, {5, 6.869}, {6, 5.959}, {7, 5.408}, {8, 5.041},
        {9, 4.781}, {10, 4.587}, {11, 4.437}, {12, 4.318}, {13, 4.221}, {14, 4.140}, {15, 4.073},
        {16, 4.015}, {17, 3.965}, {18, 3.922}, {19, 3.883}, {20, 3.850}, {25, 3.725}, {30, 3.646},
        {40, 3.551}, {60, 3.460}, {120, 3.373}};

    private BenchmarkCharts() {
    }

    /**
     * Draws the charts of each directory given.
     *
     * @param args results directories, or {@code docs/benchmarks}
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: BenchmarkCharts docs/benchmarks | RESULTS_DIR...");
            System.exit(2);
        }
        for (String arg : args) {
            Path path = Path.of(arg);
            if (!files(path, "results-*.json").isEmpty() || !files(path, "*.csv").isEmpty()) {
                draw(path);
            } else {
                for (Path child : files(path, "*")) {
                    if (Files.isDirectory(child) && !child.getFileName().toString().equals("charts")) {
                        draw(child);
                    }
                }
            }
        }
    }

    private static void draw(Path dir) throws IOException {
        Path charts = dir.resolve("charts");
        Files.createDirectories(charts);
        List<Path> json = files(dir, "results-*.json");
        if (!json.isEmpty()) {
            linkCharts(dir, drawJmh(json, charts));
        }
        for (Path csv : files(dir, "*.csv")) {
            drawScale(csv, charts);
        }
    }

    // ---- JMH

    /** One measured point: a score and its error. */
    private record Point(double score, double error) {
    }

    /** Draws the charts of a JMH results directory and returns their names, in order. */
    private static List<String> drawJmh(List<Path> json, Path charts) throws IOException {
        // chart name -> (metric -> (implementation -> (threads -> point))), in the order first seen
        Map<String, Map<String, Map<String, Map<Integer, Point>>>> groups = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (Path file : json) {
            JsonElement root;
            try (Reader reader = Files.newBufferedReader(file)) {
                root = JsonParser.parseReader(reader);
            }
            for (JsonElement element : root.getAsJsonArray()) {
                JsonObject result = element.getAsJsonObject();
                String benchmark = result.get("benchmark").getAsString();
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                String chart = method;
                String implementation = method;
                if (result.has("params")) {
                    for (Map.Entry<String, JsonElement> param : new TreeMap<>(result.getAsJsonObject("params").asMap()).entrySet()) {
                        if (param.getKey().equals("implementation")) {
                            implementation = param.getValue().getAsString();
                        } else {
                            chart += "-" + param.getKey() + "=" + param.getValue().getAsString();
                        }
                    }
                }
                int threads = result.get("threads").getAsInt();
                JsonObject primary = result.getAsJsonObject("primaryMetric");
                put(groups, chart, "score", implementation, threads, primary);
                units.put(chart + "/score", primary.get("scoreUnit").getAsString());
                JsonObject secondary = result.getAsJsonObject("secondaryMetrics");
                if (secondary != null && secondary.has("gc.alloc.rate.norm")) {
                    put(groups, chart, "alloc", implementation, threads, secondary.getAsJsonObject("gc.alloc.rate.norm"));
                    units.put(chart + "/alloc", "B/op");
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Map<Integer, Point>>>> group : groups.entrySet()) {
            for (Map.Entry<String, Map<String, Map<Integer, Point>>> metric : group.getValue().entrySet()) {
                String name = group.getKey() + (metric.getKey().equals("alloc") ? "-alloc" : "");
                String unit = units.get(group.getKey() + "/" + metric.getKey());
                String title = group.getKey().replace('-', ' ') + (metric.getKey().equals("alloc") ? ": allocation" : "");
                save(categoryChart(title, unit, metric.getValue()), charts.resolve(name + ".png"));
                names.add(name);
            }
        }
        return names;
    }

    private static void put(Map<String, Map<String, Map<String, Map<Integer, Point>>>> groups, String chart,
            String metric, String implementation, int threads, JsonObject measured) {
        double error = measured.get("scoreError").isJsonPrimitive() && measured.get("scoreError").getAsJsonPrimitive().isNumber()
                ? measured.get("scoreError").getAsDouble() : 0.0;
        groups.computeIfAbsent(chart, key -> new LinkedHashMap<>())
                .computeIfAbsent(metric, key -> new LinkedHashMap<>())
                .computeIfAbsent(implementation, key -> new TreeMap<>())
                .put(threads, new Point(measured.get("score").getAsDouble(), Double.isNaN(error) ? 0.0 : error));
    }

    private static CategoryChart categoryChart(String title, String unit, Map<String, Map<Integer, Point>> series) {
        TreeSet<Integer> threads = new TreeSet<>();
        series.values().forEach(points -> threads.addAll(points.keySet()));
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("threads").yAxisTitle(unit).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        List<String> categories = new ArrayList<>();
        threads.forEach(count -> categories.add(Integer.toString(count)));
        for (Map.Entry<String, Map<Integer, Point>> implementation : series.entrySet()) {
            List<Double> scores = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (int count : threads) {
                Point point = implementation.getValue().get(count);
                scores.add(point == null ? 0.0 : point.score());
                errors.add(point == null ? 0.0 : point.error());
            }
            chart.addSeries(implementation.getKey(), categories, scores, errors);
        }
        return chart;
    }

    // ---- Scale

    private static void drawScale(Path csv, Path charts) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).startsWith("workload,subject,peer,threads,kind,")) {
            return;
        }
        List<String> header = List.of(lines.get(0).split(","));
        int subjectColumn = header.indexOf("subject");
        int peerColumn = header.indexOf("peer");
        int threadsColumn = header.indexOf("threads");
        int kindColumn = header.indexOf("kind");
        int valueColumn = header.indexOf("opsPerSecond");
        // series -> (threads -> values)
        Map<String, Map<Integer, List<Double>>> series = new LinkedHashMap<>();
        List<String> peers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (cells.length <= valueColumn || cells[valueColumn].equals("timeout")) {
                continue;
            }
            String name = cells[subjectColumn] + (cells[kindColumn].equals("virtual") ? ", virtual threads" : "");
            if (cells[peerColumn].equals("true") && !peers.contains(name)) {
                peers.add(name);
            }
            series.computeIfAbsent(name, key -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(cells[threadsColumn]), key -> new ArrayList<>())
                    .add(Double.parseDouble(cells[valueColumn]));
        }
        String workload = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(workload)
                .xAxisTitle("threads (log)").yAxisTitle("operations per second (log)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        for (Map.Entry<String, Map<Integer, List<Double>>> subject : series.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> error = new ArrayList<>();
            for (Map.Entry<Integer, List<Double>> point : subject.getValue().entrySet()) {
                double[] summary = meanAndError(point.getValue());
                x.add((double) point.getKey());
                y.add(summary[0]);
                error.add(Math.min(summary[1], summary[0] * 0.99)); // a log axis has no room below zero
            }
            XYSeries added = chart.addSeries(subject.getKey(), x, y, error);
            if (x.size() == 1) {
                added.setMarker(SeriesMarkers.DIAMOND);
            }
            if (peers.contains(subject.getKey())) {
                added.setLineStyle(SeriesLines.DASH_DASH); // the JDK peers, dashed
            }
        }
        save(chart, charts.resolve(workload + ".png"));
    }

    /** The mean and the half-width of its 99.9 % confidence interval (0 for a single value). */
    static double[] meanAndError(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (values.size() < 2) {
            return new double[] {mean, 0.0};
        }
        double squares = values.stream().mapToDouble(value -> (value - mean) * (value - mean)).sum();
        double standardError = Math.sqrt(squares / (values.size() - 1)) / Math.sqrt(values.size());
        return new double[] {mean, tQuantile(values.size() - 1) * standardError};
    }

    private static double tQuantile(int degreesOfFreedom) {
        for (double[] row : T_999) {
            if (degreesOfFreedom <= row[0]) {
                return row[1];
            }
        }
        return 3.291;
    }

    // ---- The page

    private static final String BEGIN = "<!-- charts: drawn by BenchmarkCharts from this run's JSON; not edited by hand -->";
    private static final String END = "<!-- /charts -->";

    /**
     * Links the charts from the results page beside the directory ({@code NAME.md} for {@code NAME/}):
     * replaces the block between {@link #BEGIN} and {@link #END}, or, the first time, puts one right
     * after the "Results" section, before the person-written sections that follow it.
     */
    private static void linkCharts(Path dir, List<String> names) throws IOException {
        Path page = dir.resolveSibling(dir.getFileName() + ".md");
        if (!Files.exists(page) || names.isEmpty()) {
            return;
        }
        StringBuilder block = new StringBuilder(BEGIN).append("\n\n### Charts\n\nScores with JMH's 99.9 % error bars,"
                + " from the JSON the tables above come from.\n\n");
        for (String name : names) {
            block.append("![").append(name).append("](").append(dir.getFileName()).append("/charts/").append(name)
                    .append(".png)\n\n");
        }
        block.append(END);
        String text = Files.readString(page);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin >= 0 && end > begin) {
            text = text.substring(0, begin) + block + text.substring(end + END.length());
        } else {
            int results = text.indexOf("\n## Results");
            int next = results < 0 ? -1 : text.indexOf("\n## ", results + 1);
            text = next < 0 ? text.stripTrailing() + "\n\n" + block + "\n"
                    : text.substring(0, next) + "\n" + block + "\n" + text.substring(next);
        }
        Files.writeString(page, text);
    }

    // ---- Files

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
        System.out.println("wrote " + file);
    }

    private static List<Path> files(Path dir, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
                stream.forEach(found::add);
            }
        }
        found.sort(null);
        return found;
    }
}
