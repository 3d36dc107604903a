package dev.ordersaga.fault.cluster;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** The {@code java} arguments that run a main class from this program's own classpath in a new JVM. */
final class JavaMain {

    private JavaMain() {
    }

    static List<String> arguments(Class<?> main, List<String> programArguments) {
        String classpath = System.getProperty("java.class.path");
        List<String> arguments = new ArrayList<>(List.of("-Xmx512m", "-cp", classpath));
        if (!classpath.contains(File.pathSeparator) && classpath.endsWith("-exec.jar")) {
            // Run from ./fault-suite.sh's executable jar: the classes are nested, Spring Boot's launcher finds them.
            arguments.add("-Dloader.main=" + main.getName());
            arguments.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            arguments.add(main.getName());
        }
        arguments.addAll(programArguments);
        return arguments;
    }
}
