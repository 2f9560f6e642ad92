<?php
// Adds quiz "Toets integriteit" to course LTI-INT (made by ../shared/moodle/publish-course): one
// true/false question ("The answer is true."), maximum grade 10, pass 5, completion on a passing
// grade; publishes it as an LTI 1.3 tool like publish-course does, and prints its cmid and tool uuid.
// Idempotent. Usage: MOODLE_DIR=<Moodle root, with config.php> php moodle-quiz.php
define('CLI_SCRIPT', true);
$moodledir = getenv('MOODLE_DIR');
if (!$moodledir || !is_file($moodledir . '/config.php')) {
    fwrite(STDERR, "ERROR: set MOODLE_DIR to an installed Moodle root (with config.php)\n");
    exit(1);
}
require(rtrim($moodledir, '/') . '/config.php');
require_once($CFG->libdir . '/clilib.php');
// Moodle's own data generator makes the quiz and the question bank (a qbank module) as Moodle's tests do.
require_once($CFG->libdir . '/testing/generator/lib.php');
require_once($CFG->dirroot . '/mod/quiz/locallib.php');
set_exception_handler(function (\Throwable $e) {
    fwrite(STDERR, 'ERROR: ' . get_class($e) . ': ' . $e->getMessage() . "\n" . $e->getTraceAsString() . "\n");
    exit(1);
});
\core\session\manager::set_user(get_admin());
global $DB;

$course = $DB->get_record('course', ['shortname' => 'LTI-INT'], '*', MUST_EXIST);
$generator = new testing_data_generator();
$quiz = $DB->get_record('quiz', ['course' => $course->id, 'name' => 'Toets integriteit']);
if (!$quiz) {
    $quiz = $generator->create_module('quiz', [
        'course' => $course->id, 'name' => 'Toets integriteit', 'grade' => 10, 'sumgrades' => 1, 'gradepass' => 5,
        'attempts' => 0, 'preferredbehaviour' => 'deferredfeedback',
        'completion' => COMPLETION_TRACKING_AUTOMATIC, 'completionusegrade' => 1, 'completionpassgrade' => 1,
    ]);
}
if (!$DB->record_exists('quiz_slots', ['quizid' => $quiz->id])) {
    $category = $generator->get_plugin_generator('core_question')->create_question_category(['contextid' => context_course::instance($course->id)->id]);
    // The question as the question form sends it (the generator's create_question needs PHPUnit's helpers).
    $form = (object)[
        'category' => $category->id, 'name' => 'Waar of niet waar', 'defaultmark' => 1, 'penalty' => 1, 'correctanswer' => '1',
        'questiontext' => ['text' => 'The answer is true.', 'format' => FORMAT_HTML],
        'generalfeedback' => ['text' => '', 'format' => FORMAT_HTML],
        'feedbacktrue' => ['text' => '', 'format' => FORMAT_HTML], 'feedbackfalse' => ['text' => '', 'format' => FORMAT_HTML],
        'status' => \core_question\local\bank\question_version_status::QUESTION_STATUS_READY,
    ];
    $question = question_bank::get_qtype('truefalse')->save_question((object)['qtype' => 'truefalse', 'createdby' => 0], $form);
    quiz_add_quiz_question($question->id, $quiz, 0, 1);
}
$quiz = $DB->get_record('quiz', ['id' => $quiz->id], '*', MUST_EXIST);
$cm = get_coursemodule_from_instance('quiz', $quiz->id, $course->id, false, MUST_EXIST);
$context = context_module::instance($cm->id);

$tool = $DB->get_record('enrol_lti_tools', ['contextid' => $context->id]);
if (!$tool) {
    $role = fn(string $shortname) => $DB->get_field('role', 'id', ['shortname' => $shortname], MUST_EXIST);
    enrol_get_plugin('lti')->add_instance($course, ['name' => 'Toets integriteit (LTI)', 'contextid' => $context->id,
        'ltiversion' => 'LTI-1p3', 'status' => ENROL_INSTANCE_ENABLED,
        'gradesync' => 1, 'gradesynccompletion' => 0, 'membersync' => 1, 'membersyncmode' => 1,
        'roleinstructor' => $role('editingteacher'), 'rolelearner' => $role('student'),
        'provisioningmodelearner' => 1, 'provisioningmodeinstructor' => 2, 'maxenrolled' => 0, 'maildisplay' => 2,
        'city' => '', 'country' => 'NL', 'timezone' => '99', 'lang' => 'en', 'institution' => '',
        'secret' => random_string(32), 'enrolstartdate' => 0, 'enrolenddate' => 0, 'enrolperiod' => 0]);
    $tool = $DB->get_record('enrol_lti_tools', ['contextid' => $context->id], '*', MUST_EXIST);
}
echo "quiz: cmid {$cm->id}, grade " . (float)$quiz->grade . ", pass 5, uuid {$tool->uuid}\n";
