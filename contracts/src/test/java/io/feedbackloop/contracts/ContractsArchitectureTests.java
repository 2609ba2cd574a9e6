package io.feedbackloop.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every service depends on this module, so whatever it pulls in lands everywhere: it must stay free of
 * Spring and of the database driver.
 */
class ContractsArchitectureTests {

	/** Internal names as they appear in the constant pool, and dotted names as in string constants. */
	private static final List<String> FORBIDDEN = List.of("org/springframework", "org.springframework", "com/mongodb",
			"com.mongodb", "org/bson", "org.bson");

	@Test
	void compiledClassesDoNotReferToSpringOrMongoDb() throws IOException, URISyntaxException {
		Path classes = Path.of(EventCodec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(classes).as("compiled main classes").isDirectory();
		List<Path> classFiles;
		try (Stream<Path> files = Files.walk(classes.resolve(EventCodec.class.getPackageName().replace('.', '/')))) {
			classFiles = files.filter((path) -> path.toString().endsWith(".class")).toList();
		}

		List<String> offences = classFiles.stream()
			.flatMap((path) -> forbiddenNames(path).stream().map((name) -> path.getFileName() + " mentions " + name))
			.toList();

		assertThat(classFiles).as("class files found").hasSizeGreaterThanOrEqualTo(EventTypes.ALL.size());
		assertThat(offences).isEmpty();
	}

	@Test
	void scanFindsAForbiddenNameInAClassFile() throws URISyntaxException {
		// This test class names Spring classes in string constants: the scan must see them.
		Path self = Path.of(getClass().getResource(getClass().getSimpleName() + ".class").toURI());

		assertThat(forbiddenNames(self)).contains("org.springframework", "com.mongodb");
	}

	@ParameterizedTest
	@ValueSource(strings = { "org.springframework.context.ApplicationContext", "org.springframework.core.SpringVersion",
			"com.mongodb.client.MongoClient", "org.bson.Document" })
	void springAndMongoDbAreNotOnTheClasspath(String className) {
		assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> Class.forName(className));
	}

	@Test
	void mainPackageIsNullMarked() {
		assertThat(EventCodec.class.getPackage().isAnnotationPresent(NullMarked.class)).isTrue();
	}

	private static List<String> forbiddenNames(Path classFile) {
		try {
			// ISO-8859-1 maps every byte to one char, so the constant pool's UTF-8 names stay searchable.
			String content = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
			return FORBIDDEN.stream().filter(content::contains).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
